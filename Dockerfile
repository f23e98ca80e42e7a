# syntax=docker/dockerfile:1
# satisfaction-bot: the webhook server and its sweep (`npm start`), on PostgreSQL (DATABASE_URL) or on
# the embedded database in /data. See docs/deployment.md.
#   docker build -t satisfaction-bot .
#   docker run --env-file .env -p 3000:3000 -v satisfaction-data:/data satisfaction-bot

ARG NODE_VERSION=22

# Build: compiles src/ to lib/ with the dev dependencies (TypeScript).
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; no dependency has an install script.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies, the compiled app, its migrations and the manifest; no compiler.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/lib ./lib
COPY bin ./bin
COPY migrations ./migrations
COPY app.yml ./
# `satisfaction-bot <command>` inside the container (docker compose exec app satisfaction-bot report ...),
# and the embedded database (used when DATABASE_URL is unset) on a volume the app's user owns.
RUN ln -s /app/bin/satisfaction-bot.js /usr/local/bin/satisfaction-bot \
 && mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# The node image's unprivileged user (uid 1000): the app owns nothing in /app, only /data.
USER node
EXPOSE 3000
# Readiness: /health answers 200 once the database is migrated and answers (no curl in this image).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# What `npm start` runs once built (its prestart step compiles, and the compiler is not in this image).
# Migrations run at start, under an advisory lock; SIGTERM finishes the work in hand, then exits.
CMD ["node", "lib/main.js"]
