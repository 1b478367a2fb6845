import type { Context } from "koa";
import { badRequest, queryParam } from "./http";

/** `page_size` between 1 and 500 (Hydra's bounds), `fallback` when absent. */
export function pageSize(ctx: Context, fallback: number): number {
  const raw = queryParam(ctx, "page_size");
  if (raw === undefined) return fallback;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 500) throw badRequest("page_size must be an integer between 1 and 500.");
  return size;
}

/** RFC 8288 Link header with `first` and, when there is one, `next` (Hydra's keyset pagination). */
export function linkHeader(ctx: Context, size: number, nextToken: string | undefined): string {
  const link = (token: string | undefined, rel: string) => {
    const url = new URL(ctx.path, `${ctx.protocol}://${ctx.host || "localhost"}`);
    for (const [key, value] of Object.entries(ctx.query)) {
      if (key !== "page_token" && key !== "page_size" && typeof value === "string") url.searchParams.set(key, value);
    }
    url.searchParams.set("page_size", String(size));
    if (token) url.searchParams.set("page_token", token);
    return `<${url.href}>; rel="${rel}"`;
  };
  return [link(undefined, "first"), ...(nextToken ? [link(nextToken, "next")] : [])].join(",");
}

/** Hydra v2's offset page token (ory/x tokenpagination v2: base64url of `{"offset":"N","v":2}`),
 * so a client that pages Hydra by offset pages the core the same way. */
export function offsetToken(offset: number): string {
  return Buffer.from(`{"offset":"${offset}","v":2}`).toString("base64url");
}

/** The offset of a page token; 0 without one; a 400 for anything that is not a v2 token. */
export function offsetFrom(ctx: Context): number {
  const token = queryParam(ctx, "page_token");
  if (token === undefined) return 0;
  try {
    const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown; v?: unknown };
    const offset = Number(decoded.offset);
    if (decoded.v === 2 && typeof decoded.offset === "string" && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // not JSON: refused below
  }
  throw badRequest("page_token is invalid.");
}
