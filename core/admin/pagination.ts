import type { Context } from "koa";
import { offsetOf } from "../../common/page-token";
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

/** The offset of a page token (common/page-token.ts); 0 without one; a 400 for any other token. */
export function offsetFrom(ctx: Context): number {
  const token = queryParam(ctx, "page_token");
  if (token === undefined) return 0;
  const offset = offsetOf(token);
  if (offset === undefined) throw badRequest("page_token is invalid.");
  return offset;
}
