import type { Context } from "koa";
import { bearerMatches } from "../../common/secret-equal";
import type { CoreConfig } from "../config";
import { HydraError } from "./http";

// The admin API has no users of its own: whoever can send it a request controls the core. What
// keeps browsers and other machines out (Hydra leaves all of this to the network):
// 1. /health/* answers anyone, like Hydra's: load balancers probe it by address, it says only "ok"
// 2. the Host header must be one the operator named → 421. A web page that rebinds its own DNS
//    name to 127.0.0.1 still sends its own name (DNS rebinding).
// 3. with CORE_ADMIN_TOKEN set: `Authorization: Bearer <token>` → else 401, compared in constant
//    time (RFC 6750 §3: WWW-Authenticate names the scheme)
// 4. a body, and every POST, must be of the route's media type → else 415. A web page may send
//    text/plain, form and multipart bodies to any address without asking (a "simple" request,
//    Fetch standard); a JSON body it cannot, and this API answers no CORS preflight.

export type MediaType = "json" | "form";

const MEDIA: Record<MediaType, string> = {
  json: "application/json",
  form: "application/x-www-form-urlencoded",
};

export interface AdminBoundary {
  /** Exact Host header values answered (lower case). */
  allowedHosts: ReadonlySet<string>;
  token?: string;
}

/** `name:port` as a Host header writes it (IPv6 literals in brackets). */
export function hostHeader(host: string, port: number): string {
  const name = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `${name}:${port}`.toLowerCase();
}

export function adminBoundary(config: CoreConfig, adminPort: number): AdminBoundary {
  const defaults = ["127.0.0.1", "localhost", "[::1]", ...(isWildcard(config.adminHost) ? [] : [config.adminHost])];
  const named = config.adminAllowedHosts ?? defaults.map((host) => hostHeader(host, adminPort));
  return { allowedHosts: new Set(named.map((host) => host.toLowerCase())), token: config.adminToken };
}

export function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}

/** The address the core's own callers (tests, `npm start`) reach the admin listener at. */
export function adminUrlFor(config: CoreConfig, adminPort: number): string {
  if (!isWildcard(config.adminHost)) return `http://${hostHeader(config.adminHost, adminPort)}`;
  return `http://${config.adminHost.includes(":") ? "[::1]" : "127.0.0.1"}:${adminPort}`;
}

const isHealth = (ctx: Context) => ctx.path.startsWith("/health/");

/** Steps 1–3, before the route is looked up (an unknown path tells a stranger nothing either). */
export function admit(ctx: Context, boundary: AdminBoundary): void {
  if (isHealth(ctx)) return;
  const host = (ctx.req.headers.host ?? "").toLowerCase();
  if (!boundary.allowedHosts.has(host)) {
    throw new HydraError(421, "invalid_request", "This admin API does not answer requests for this host name.");
  }
  if (boundary.token && !bearerMatches(ctx.get("authorization"), boundary.token)) {
    ctx.set("WWW-Authenticate", 'Bearer realm="admin"');
    throw new HydraError(401, "request_unauthorized", "The admin API needs its bearer token.");
  }
}

/** Step 4, once the route (and with it the media type it reads) is known. */
export function checkBody(ctx: Context, accepts: MediaType): void {
  const hasBody = (ctx.request.length ?? 0) > 0 || ctx.get("transfer-encoding") !== "";
  if (!hasBody && ctx.method !== "POST") return;
  const type = ctx.request.type.trim().toLowerCase();
  if (type !== MEDIA[accepts]) {
    throw new HydraError(415, "invalid_request", `The request body must be ${MEDIA[accepts]}.`);
  }
}

