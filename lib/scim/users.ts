import "server-only";
import { attempt, challenges } from "@/lib/challenge";
import { env } from "@/lib/config/env";
import { storeAnswers } from "@/lib/health/readiness";
import { forgetConsentEnds } from "@/lib/grants/enforce";
import { identityStore } from "@/lib/identity";
import { countRevocation } from "@/lib/metrics";
import { hasBearer } from "./auth";
import { scimError } from "./responses";
import { scimUsers } from "./service";

// Wiring of the SCIM routes: the bearer token (TOBIRA_ADMIN_TOKEN), the identity store, and the
// admin API that ends a disabled or deleted person's sessions.

export function authorized(request: Request): Response | undefined {
  if (hasBearer(request.headers.get("authorization"), env().TOBIRA_ADMIN_TOKEN)) return undefined;
  return scimError(401, "A valid bearer token is required.", undefined, { "www-authenticate": 'Bearer realm="scim"' });
}

/** Revokes every login session (all browsers) and every consent session (with its tokens) of
 * the subject. A failure is logged and does not undo the change to the account: Tobira itself
 * already refuses a disabled or deleted account on every login and consent request. */
async function endSessions(subject: string): Promise<void> {
  await (await identityStore()).accounts.endSessions(subject);
  const signedOut = await attempt("scim: revoke login sessions", () => challenges().revokeLoginSessions(subject));
  if (signedOut.ok) countRevocation("provisioning", "sign_in_sessions");
  const revokedAt = Date.now();
  const revoked = await attempt("scim: revoke consent sessions", () => challenges().revokeConsentSessions(subject));
  if (!revoked.ok) return;
  countRevocation("provisioning", "all_apps");
  await forgetConsentEnds(subject, undefined, revokedAt);
}

export async function users() {
  return scimUsers({ store: await identityStore(), baseUrl: env().TOBIRA_PUBLIC_URL, endSessions });
}

/** Runs a SCIM handler behind the bearer check; an unexpected failure is an RFC 7644 error body. */
export async function guarded(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const denied = authorized(request);
  if (denied) return denied;
  try {
    return await handle();
  } catch (error) {
    console.error("scim: unexpected failure", error);
    // RFC 7644 §3.12: a store that is down is 503 (the client retries), anything else 500.
    if (!(await storeAnswers())) return scimError(503, "The service is unavailable; try again later.", undefined, { "retry-after": "5" });
    return scimError(500, "An internal error occurred.");
  }
}
