import type http from "node:http";
import type net from "node:net";

// The test's own servers (relays, stand-ins, load balancers) listen on loopback only.

/** Resolves once `server` listens on 127.0.0.1:<port>; rejects when the port is taken. */
export function listenOnLoopback<S extends net.Server>(server: S, port: number): Promise<S> {
  return new Promise<S>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

/** Closes an HTTP server at once: its keep-alive connections would hold `close()` open. */
export async function closeHttpServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
