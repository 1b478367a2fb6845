import http from "node:http";

// Next.js hands every request to proxy.ts as a fetch Request, and the Fetch standard forbids the
// TRACE method: `new Request()` throws, and Next.js answers 500 before any of Tobira's code runs
// (found by e2e/hostile-input.spec.ts). TRACE only ever echoed a request back (cross-site
// tracing); it is refused here, at the server's request event, with 405. CONNECT and TRACK, the
// Fetch standard's other forbidden methods, never reach it (Node's own event; its parser's 400).

const FORBIDDEN = new Set(["TRACE"]);

let installed = false;

/** Once per process (instrumentation.ts), for every HTTP server in it. */
export function refuseForbiddenMethods(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      if (FORBIDDEN.has(request.method ?? "")) {
        response.writeHead(405, { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS", "Content-Length": "0" });
        response.end();
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  };
}
