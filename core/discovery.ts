import type { Middleware } from "koa";

// The discovery document lists what a client can really use (OIDC Discovery 3, RFC 8414 2):
// oidc-provider lists every response type a client may register, but without the operator's
// opt-in (core/response-types.ts) a client gets only `code`, so that is all it advertises; the
// implicit grant goes with the response types that used it.

const DISCOVERY_PATH = "/.well-known/openid-configuration";

export function truthfulDiscovery(): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.path !== DISCOVERY_PATH || ctx.status !== 200) return;
    const body = ctx.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== "object") return;
    body.response_types_supported = ["code"];
    if (Array.isArray(body.grant_types_supported)) {
      body.grant_types_supported = body.grant_types_supported.filter((grant) => grant !== "implicit");
    }
    // Without implicit or hybrid responses nothing is returned in the fragment by default; a
    // code response may still be asked for in it, so the modes stay.
  };
}
