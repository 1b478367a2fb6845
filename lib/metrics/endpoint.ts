import "server-only";
import { bearerMatches } from "@/common/secret-equal";
import { env } from "@/lib/config/env";
import { PROMETHEUS_CONTENT_TYPE, renderMetrics } from "./index";

// GET /metrics: only for `Authorization: Bearer <TOBIRA_ADMIN_TOKEN>`, compared by the one
// comparison (common/secret-equal.ts). A scrape is not a sign-in: like SCIM's bearer check it
// counts towards no limit (the token is at least 24 characters of the operator's choosing, not a
// password to guess), so a monitor with a stale token cannot lock the operator out of the
// preview; every wrong or missing token gets the same bodiless 401.

export function metricsResponse(request: Request): Response {
  if (!bearerMatches(request.headers.get("authorization"), env().TOBIRA_ADMIN_TOKEN)) {
    return new Response(null, { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" } });
  }
  return new Response(renderMetrics(), { headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" } });
}
