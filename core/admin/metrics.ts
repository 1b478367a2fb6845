import type { Context } from "koa";
import { PROMETHEUS_CONTENT_TYPE } from "../metrics";
import type { AdminDeps } from "./deps";

// GET /admin/metrics/prometheus (Hydra's path; behind the admin boundary like the rest).

export function prometheus(deps: AdminDeps) {
  return async (ctx: Context) => {
    ctx.type = PROMETHEUS_CONTENT_TYPE;
    ctx.body = deps.metrics.render();
  };
}
