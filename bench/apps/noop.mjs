// The bare Probot 14 app of `npm run bench`: acknowledges every delivery and does nothing else.
// Started as `probot run ./bench/apps/noop.mjs`.
export default (app) => {
  app.on("issues.opened", async () => {});
};
