import type http from "node:http";
import type Provider from "oidc-provider";

// GET /admin/metrics/prometheus (Hydra's path): Prometheus text exposition format 0.0.4, written
// here because the core needs a handful of counters, not a metrics library. Label values come
// from fixed lists (route patterns, known methods), never from the request as sent, so a
// stranger cannot grow the series without bound.

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type Server = "admin" | "public";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * Models whose every save is an issue: oidc-provider saves them once (consuming is not a save)
 * and emits `<model>.saved` for opaque values, `<model>.issued` for ones without a stored payload.
 * Device codes are left out: they are saved again when the person approves.
 */
const ISSUED = ["access_token", "refresh_token", "client_credentials", "authorization_code"] as const;

/** A path's label: the known path it is or lies under (`/oauth2/auth/*`), else `other`. */
export function routeLabeler(known: readonly string[]): (path: string) => string {
  const longestFirst = [...new Set(known)].sort((a, b) => b.length - a.length);
  return (path) => {
    for (const route of longestFirst) {
      if (path === route) return route;
      if (path.startsWith(`${route}/`)) return `${route}/*`;
    }
    return "other";
  };
}

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs).map(([key, value]) => `${key}="${escapeLabel(value)}"`).join(",")}}`;
}

export class CoreMetrics {
  private readonly startedAt = Date.now();
  private readonly requests = new Map<string, number>();
  private readonly issued = new Map<string, number>(ISSUED.map((kind) => [kind, 0]));

  countRequest(server: Server, method: string, route: string, status: number): void {
    const key = labels({ server, method: METHODS.has(method) ? method : "other", route, status: String(status) });
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  /** Counts the public listener's answers; `routeOf` turns a path into its label. */
  instrument(routeOf: (path: string) => string, listener: http.RequestListener): http.RequestListener {
    return (req, res) => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      res.once("finish", () => this.countRequest("public", req.method ?? "", routeOf(path), res.statusCode));
      listener(req, res);
    };
  }

  /** Listens to a provider's token events (again for every provider the core builds). */
  watch(provider: Provider): void {
    // Provider is an EventEmitter; its typings list each event as its own overload.
    const events = provider as unknown as NodeJS.EventEmitter;
    for (const kind of ISSUED) {
      const count = () => this.issued.set(kind, (this.issued.get(kind) ?? 0) + 1);
      events.on(`${kind}.saved`, count);
      events.on(`${kind}.issued`, count);
    }
  }

  render(): string {
    const usage = process.cpuUsage();
    const lines = [
      "# HELP process_start_time_seconds Start time of the process since the Unix epoch, seconds.",
      "# TYPE process_start_time_seconds gauge",
      `process_start_time_seconds ${Math.floor(this.startedAt / 1000)}`,
      "# HELP process_uptime_seconds Time since the core started, seconds.",
      "# TYPE process_uptime_seconds gauge",
      `process_uptime_seconds ${(Date.now() - this.startedAt) / 1000}`,
      "# HELP process_cpu_seconds_total User and system CPU time spent, seconds.",
      "# TYPE process_cpu_seconds_total counter",
      `process_cpu_seconds_total ${(usage.user + usage.system) / 1e6}`,
      "# HELP process_resident_memory_bytes Resident memory size, bytes.",
      "# TYPE process_resident_memory_bytes gauge",
      `process_resident_memory_bytes ${process.memoryUsage.rss()}`,
      "# HELP http_requests_total HTTP requests answered, by listener, method, route and status.",
      "# TYPE http_requests_total counter",
      ...[...this.requests].map(([key, count]) => `http_requests_total${key} ${count}`),
      "# HELP tobira_core_tokens_issued_total Tokens and codes issued, by kind.",
      "# TYPE tobira_core_tokens_issued_total counter",
      ...[...this.issued].map(([kind, count]) => `tobira_core_tokens_issued_total${labels({ kind })} ${count}`),
    ];
    return `${lines.join("\n")}\n`;
  }
}
