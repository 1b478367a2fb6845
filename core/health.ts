import type http from "node:http";
import { sql } from "kysely";
import type { CoreDatabase } from "./db/store";
import { coreLog } from "./log";

// Hydra's health checks, on the admin and the public port alike: /health/alive says the process
// answers, /health/ready that its database does too. Load balancers probe the public port.

export const HEALTH_PATHS = { alive: "/health/alive", ready: "/health/ready" } as const;

export interface HealthAnswer {
  status: number;
  body: Record<string, unknown>;
}

export const alive = (): HealthAnswer => ({ status: 200, body: { status: "ok" } });

export async function ready(db: CoreDatabase): Promise<HealthAnswer> {
  try {
    await sql`select 1`.execute(db);
    return { status: 200, body: { status: "ok" } };
  } catch (err) {
    coreLog.error("health: database not ready", { error: err });
    return { status: 503, body: { errors: { database: "not ready" } } };
  }
}

/** The public port's health routes, answered before oidc-provider sees the request. */
export function publicHealth(db: CoreDatabase, next: http.RequestListener): http.RequestListener {
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    const check = req.method === "GET" || req.method === "HEAD" ? path : undefined;
    if (check !== HEALTH_PATHS.alive && check !== HEALTH_PATHS.ready) {
      next(req, res);
      return;
    }
    const answer = check === HEALTH_PATHS.alive ? Promise.resolve(alive()) : ready(db);
    void answer.then(({ status, body }) => {
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : JSON.stringify(body));
    });
  };
}
