import Koa, { type Context } from "koa";
import type { z } from "zod";
import { admit, checkBody, type AdminBoundary, type MediaType } from "./boundary";
import { hasNul } from "../../common/nul";
import { coreLog } from "../log";

// The admin listener's plumbing: a route table (one small handler per endpoint), body readers,
// and Hydra's error body. Model for the errors: panva/node-oidc-provider lib/helpers/errors.js —
// a public `error`/`error_description`, a private detail, and only status < 500 exposes text.

/** Hydra's error body (ErrorOAuth2): `{error, error_description, status_code}`. */
export class HydraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly detail?: unknown,
  ) {
    super(description);
  }
}

export const notFound = (description = "Unable to locate the requested resource") =>
  new HydraError(404, "Not Found", description);

export const badRequest = (description: string) => new HydraError(400, "invalid_request", description);

/** 410 for a challenge that was already used: Hydra answers with where the browser should go. */
export class GoneError extends Error {
  constructor(readonly redirectTo: string) {
    super("request was already handled");
  }
}

export type Handler = (ctx: Context) => Promise<void>;

export interface Route {
  method: string;
  /** As registered (`/admin/clients/:id`): the route's label in the metrics. */
  pattern: string;
  segments: string[];
  handler: Handler;
  /** The media type of the body the handler reads (boundary.ts step 4). */
  accepts: MediaType;
}

const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/** A path parameter, percent-decoded. Escapes that are not UTF-8 (`%E0%A4`) name no client, key
 * or session that can exist (they are all text): Hydra answers 404 for them, and so does this.
 * Nor does a NUL (common/nul.ts). */
function decodeSegment(part: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    throw notFound();
  }
  if (hasNul(decoded)) throw notFound();
  return decoded;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", pattern: string, handler: Handler, accepts: MediaType = "json"): this {
    this.routes.push({ method, pattern, segments: pattern.split("/").filter(Boolean), handler, accepts });
    return this;
  }

  /** Finds the route; path parameters (`:id`) land in ctx.state.params. Throws Hydra's 400 for a
   * path that is not percent-encoded correctly. */
  match(ctx: Context): Route | "method_not_allowed" | undefined {
    // Go's net/url refuses a malformed escape before Hydra sees the request: 400, whatever the route.
    if (MALFORMED_ESCAPE.test(ctx.path)) throw badRequest("The request path is not percent-encoded correctly.");
    const parts = ctx.path.split("/").filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((segment, i) => {
        const part = parts[i] ?? "";
        if (segment.startsWith(":")) {
          params[segment.slice(1)] = decodeSegment(part);
          return part.length > 0;
        }
        return segment === part;
      });
      if (!ok) continue;
      pathMatched = true;
      if (route.method === ctx.method) {
        ctx.state.params = params;
        ctx.state.route = route.pattern;
        return route;
      }
    }
    return pathMatched ? "method_not_allowed" : undefined;
  }
}

const MAX_BODY = 1024 * 1024;
// No field of the admin API can hold NUL (common/nul.ts).
const NUL_REFUSED = "The request contains a NUL character, which no field accepts.";

async function readBody(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_BODY) {
      // The rest of the body stays unread and the socket is destroyed with the stream: without
      // this, a client that keeps its connections alive (the UI's fetch) sends its next request
      // into a closed socket and gets a reset instead of an answer.
      ctx.set("Connection", "close");
      throw new HydraError(413, "invalid_request", "The request body is too large.");
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON body; an empty body reads as `{}` (Hydra accepts an empty reject/accept body). */
export async function readJson(ctx: Context): Promise<unknown> {
  const text = await readBody(ctx);
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
  if (hasNul(value)) throw badRequest(NUL_REFUSED);
  return value;
}

export async function readForm(ctx: Context): Promise<URLSearchParams> {
  const form = new URLSearchParams(await readBody(ctx));
  if (hasNul([...form])) throw badRequest(NUL_REFUSED);
  return form;
}

/** Validates with zod and turns the first issue into Hydra's 400 body. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw badRequest(`${where}${issue?.message ?? "invalid request"}`);
  }
  return result.data;
}

/** One query parameter as a string, or undefined (never the string "undefined"). */
export function queryParam(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  if (Array.isArray(value)) return value[0];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function requireQuery(ctx: Context, name: string): string {
  const value = queryParam(ctx, name);
  if (!value) throw badRequest(`The request is missing the required query parameter '${name}'.`);
  return value;
}

export function pathParam(ctx: Context, name: string): string {
  const params = ctx.state.params as Record<string, string> | undefined;
  return params?.[name] ?? "";
}

/** `answered` sees every request once its answer is set (the route pattern, if one matched, in ctx.state.route). */
export function createAdminApp(router: Router, boundary: AdminBoundary, answered: (ctx: Context) => void = () => undefined): Koa {
  const app = new Koa();
  app.use(async (ctx, next) => {
    await next();
    answered(ctx);
  });
  app.use(async (ctx) => {
    try {
      ctx.set("Cache-Control", "no-store");
      admit(ctx, boundary);
      const route = router.match(ctx);
      if (route === "method_not_allowed") throw new HydraError(405, "method_not_allowed", "This method is not allowed here.");
      if (!route) throw notFound("The requested route does not exist.");
      if (hasNul(ctx.query)) throw badRequest(NUL_REFUSED);
      checkBody(ctx, route.accepts);
      await route.handler(ctx);
    } catch (err) {
      if (err instanceof GoneError) {
        ctx.status = 410;
        ctx.body = { redirect_to: err.redirectTo };
        return;
      }
      const known = err instanceof HydraError ? err : undefined;
      const status = known?.status ?? 500;
      if (status >= 500) {
        coreLog.error("admin api: internal error", { method: ctx.method, path: ctx.path, error: err, detail: known?.detail });
        ctx.status = status;
        ctx.body = { error: "server_error", error_description: "internal error", status_code: status };
        return;
      }
      ctx.status = status;
      ctx.body = { error: known?.error, error_description: known?.description, status_code: status };
    }
  });
  return app;
}
