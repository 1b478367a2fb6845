import http from "node:http";
import { closeHttpServer, listenOnLoopback } from "./loopback";

// A load balancer in front of several instances of one kind (the UIs, or the cores' public or
// admin listeners), as an operator runs them: each request goes to the next backend in turn,
// whichever connection it came on, so a flow's redirects, posts and token requests land on the
// instances alternately. It forwards the method, path, headers (the Host header too, as load
// balancers do: the instances answer for the public name) and the body, appends the peer to
// X-Forwarded-For, and streams the answer back. It counts what each backend served, so that a
// spec can show that both did.

/** Hop-by-hop headers (RFC 9110 §7.6.1): about one connection, never forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

export interface Served {
  backend: number;
  method: string;
  path: string;
  status: number;
}

export class RoundRobin {
  private server?: http.Server;
  private next = 0;
  private pinned?: number;
  /** Every request answered since the last `reset()`, in order. */
  readonly served: Served[] = [];

  constructor(
    readonly port: number,
    private readonly backends: readonly URL[],
  ) {}

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = await listenOnLoopback(http.createServer((req, res) => this.forward(req, res)), this.port);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await closeHttpServer(server);
  }

  /** Sends every request to one backend until `pin()` without one (round robin again). */
  pin(backend?: number): void {
    this.pinned = backend;
  }

  reset(): void {
    this.served.length = 0;
  }

  /** How many requests each backend served since the last `reset()` (matching `filter`). */
  counts(filter: (served: Served) => boolean = () => true): number[] {
    const counts = this.backends.map(() => 0);
    for (const served of this.served) if (filter(served)) counts[served.backend] = (counts[served.backend] ?? 0) + 1;
    return counts;
  }

  private choose(): number {
    if (this.pinned !== undefined) return this.pinned;
    const chosen = this.next;
    this.next = (this.next + 1) % this.backends.length;
    return chosen;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse) {
    const backend = this.choose();
    const target = this.backends[backend];
    if (!target) throw new Error(`no backend ${backend}`);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    const peer = req.socket.remoteAddress ?? "";
    headers["x-forwarded-for"] = req.headers["x-forwarded-for"] ? `${req.headers["x-forwarded-for"]}, ${peer}` : peer;
    headers["x-forwarded-proto"] = "http";
    headers["x-forwarded-host"] = req.headers.host ?? "";
    const path = req.url ?? "/";
    const upstream = http.request({ hostname: target.hostname, port: target.port, method: req.method, path, headers }, (answer) => {
      this.served.push({ backend, method: req.method ?? "", path: new URL(path, "http://x").pathname, status: answer.statusCode ?? 0 });
      const passed: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) passed[name] = value;
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, passed);
      answer.pipe(res);
    });
    // A backend that is down is a 502, as from a load balancer; a client that went away ends
    // the request it made.
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }
}
