import crypto from "node:crypto";
import http from "node:http";
import net from "node:net";
import { closeHttpServer, listenOnLoopback } from "./loopback";

// Faults the failure drills inject on the wire, between a process the drill started and what it
// depends on, without touching the real server behind: a TCP relay that can be switched off
// (connections refused, open ones cut) or can hold a connection at a given statement, and an HTTP
// stand-in for an admin API that relays, stalls, or answers garbage.

/**
 * Relays 127.0.0.1:<port> to a TCP server (PostgreSQL). `stop()` is "the database stopped": the
 * port refuses connections and open ones are cut. `holdAt(pattern)` lets the bytes of a
 * connection through until a chunk sent *to* the server matches (a statement's text), then holds
 * that chunk and the rest of the connection, so the process behind is stuck exactly before that
 * statement; `release()` then ends the held connections, as the death of that process does.
 */
export class TcpRelay {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly held = new Set<net.Socket>();
  private hold?: { pattern: RegExp; reached: () => void };

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async start(): Promise<void> {
    if (this.server) return;
    this.server = await listenOnLoopback(net.createServer((client) => this.relay(client)), this.port);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.cut();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves when a connection has been held at the first chunk matching `pattern`. */
  holdAt(pattern: RegExp): Promise<void> {
    return new Promise<void>((reached) => {
      this.hold = { pattern, reached };
    });
  }

  /** Ends the held connections (as the death of the process that held them does) and any hold
   * still waiting. */
  release(): void {
    this.hold = undefined;
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }

  /** Ends every connection, held or not. */
  private cut(): void {
    this.hold = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.held.clear();
  }

  private relay(client: net.Socket) {
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    client.on("data", (chunk: Buffer) => {
      if (this.held.has(client)) return;
      const hold = this.hold;
      if (hold && hold.pattern.test(chunk.toString("latin1"))) {
        this.hold = undefined;
        this.held.add(client);
        hold.reached();
        return;
      }
      upstream.write(chunk);
    });
  }
}

export type StandInMode =
  /** Passes every request to the real admin API, after `delayMs` when set. */
  | { kind: "relay"; delayMs?: number }
  /** Accepts the request and never answers. */
  | { kind: "silent" }
  /** Sends 200 and its headers, then never the body. */
  | { kind: "stall" }
  /** 200 with random bytes, an HTML page, or JSON cut off half-way. */
  | { kind: "garbage" | "html" | "truncated" };

/** An HTTP server where a UI's HYDRA_ADMIN_URL points; `close()` leaves its port refusing. */
export class AdminStandIn {
  private server?: http.Server;
  private mode: StandInMode = { kind: "relay" };
  private readonly pending = new Set<() => void>();
  /** Requests relayed to the real admin API, by path (for a drill to wait on). */
  readonly seen: string[] = [];

  constructor(
    readonly port: number,
    private readonly realAdminUrl: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  set(mode: StandInMode): void {
    this.mode = mode;
  }

  async listen(): Promise<void> {
    if (this.server) return;
    this.server = await listenOnLoopback(http.createServer((req, res) => this.answer(req, res)), this.port);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const release of this.pending) release();
    this.pending.clear();
    await closeHttpServer(server);
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const mode = this.mode;
    // A request left hanging ends when the stand-in closes (or the client gives up).
    const release = () => res.destroy();
    switch (mode.kind) {
      case "silent":
        this.pending.add(release);
        return;
      case "stall":
        res.writeHead(200, { "content-type": "application/json" });
        res.write("{");
        this.pending.add(release);
        return;
      case "garbage":
        res.writeHead(200, { "content-type": "application/octet-stream" });
        return res.end(crypto.randomBytes(512));
      case "html":
        res.writeHead(200, { "content-type": "text/html" });
        return res.end("<!doctype html><html><body><h1>Down for maintenance</h1></body></html>");
      case "truncated":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end('{"challenge":"x","skip":false,"subject":"","client":{"client_id":"ab');
      case "relay":
        return void this.relay(req, res, mode.delayMs ?? 0);
    }
  }

  private async relay(req: http.IncomingMessage, res: http.ServerResponse, delayMs: number) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.seen.push(new URL(req.url ?? "/", "http://x").pathname);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const headers = new Headers();
    for (const name of ["accept", "authorization", "content-type"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers.set(name, value);
    }
    try {
      const upstream = await fetch(new URL(req.url ?? "/", this.realAdminUrl), {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
        redirect: "manual",
      });
      const passed: Record<string, string> = {};
      for (const name of ["content-type", "link", "x-total-count"]) {
        const value = upstream.headers.get(name);
        if (value) passed[name] = value;
      }
      res.writeHead(upstream.status, passed);
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      res.destroy();
    }
  }
}
