import { isReady } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** Readiness: 200 {status:"ok"} when Tobira can serve sign-ins, else 503 {status:"unavailable"}. */
export async function GET() {
  const ready = await isReady();
  return Response.json({ status: ready ? "ok" : "unavailable" }, { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
