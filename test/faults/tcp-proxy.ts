import net from "node:net";

/**
 * A TCP proxy in front of the real PostgreSQL, to take the database away and bring it back the
 * way an outage or a restart does: `down()` refuses new connections and cuts the open ones.
 */
export type Proxy = { port: number; up(): Promise<void>; down(): Promise<void>; close(): Promise<void> };

export async function startProxy(target: { host: string; port: number }, port = 0): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let boundPort = port;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
        upstream.on("close", () => client.destroy());
        client.on("close", () => upstream.destroy());
      });
      server.listen(boundPort, "127.0.0.1", () => {
        boundPort = (server?.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const down = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  };
  await listen();
  return {
    get port() {
      return boundPort;
    },
    up: listen,
    down,
    close: down,
  };
}
