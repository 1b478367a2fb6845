import { readiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** Readiness: 200 {status:"ok"} when Tobira can serve sign-ins, else 503 {status:"unavailable"};
 * `checks` names the part that is down (the identity store, the authorization server). */
export async function GET() {
  const { ready, identityStore, authorizationServer } = await readiness();
  return Response.json(
    { status: ready ? "ok" : "unavailable", checks: { identityStore, authorizationServer } },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
