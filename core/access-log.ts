import type http from "node:http";
import { maskAddress } from "../common/address";
import { requestIdFrom, type Logger } from "../common/log";

// One line per request the core answers, when it has finished: which listener, method, path
// (never the query, which carries codes, challenges and verifiers), status, time taken, the
// masked client address and a request id (a proxy's X-Request-Id, else a fresh one, sent back).

export function withAccessLog(listener: http.RequestListener, log: Logger, port: "public" | "admin"): http.RequestListener {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.headers["x-request-id"] as string | undefined);
    // Read now: a request whose socket is destroyed before its answer finishes (a body refused
    // half-read, a client gone) has none by then, and reading it threw out of the core.
    const address = maskAddress(req.socket.remoteAddress);
    res.setHeader("X-Request-Id", requestId);
    res.once("finish", () => {
      log.info("request", {
        requestId,
        port,
        method: req.method,
        path: (req.url ?? "/").split("?")[0],
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        address,
      });
    });
    listener(req, res);
  };
}
