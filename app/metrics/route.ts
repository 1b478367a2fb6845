import { metricsResponse } from "@/lib/metrics/endpoint";

export const dynamic = "force-dynamic";

/** Prometheus metrics of this instance (README "Metrics"), behind the admin token. */
export function GET(request: Request) {
  return metricsResponse(request);
}
