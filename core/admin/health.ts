import type { Context } from "koa";
import { sql } from "kysely";
import type { AdminDeps } from "./deps";

// GET /health/alive, GET /health/ready (Hydra's shapes).

export function alive() {
  return async (ctx: Context) => {
    ctx.body = { status: "ok" };
  };
}

export function ready(deps: AdminDeps) {
  return async (ctx: Context) => {
    try {
      await sql`select 1`.execute(deps.db);
      ctx.body = { status: "ok" };
    } catch (err) {
      console.error("health: database not ready", err);
      ctx.status = 503;
      ctx.body = { errors: { database: "not ready" } };
    }
  };
}
