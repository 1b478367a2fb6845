import type { Context } from "koa";
import { alive as aliveAnswer, ready as readyAnswer, type HealthAnswer } from "../health";
import { CORE_VERSION } from "../version";
import type { AdminDeps } from "./deps";

// GET /health/alive, GET /health/ready (Hydra's shapes), GET /version (Hydra: {"version": …}).

const send = (ctx: Context, { status, body }: HealthAnswer) => {
  ctx.status = status;
  ctx.body = body;
};

export function alive() {
  return async (ctx: Context) => send(ctx, aliveAnswer());
}

export function ready(deps: AdminDeps) {
  return async (ctx: Context) => send(ctx, await readyAnswer(deps.db));
}

export function version() {
  return async (ctx: Context) => {
    ctx.body = { version: CORE_VERSION };
  };
}
