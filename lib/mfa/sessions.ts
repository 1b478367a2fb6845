import "server-only";
import type { ConsentRequest } from "@/lib/challenge";
import { factorStore } from "@/lib/factors";

/**
 * Learns how the authorization server's login session was authenticated, so that a later login
 * request on the same session (skip=true, or a step-up) knows which factors the person already
 * gave and can report them again: Hydra replaces a session's acr / amr with what each accept says,
 * so a skipped accept that names only the subject would leave the ID token without them.
 * Recorded when Tobira accepts a login (the login request names its session_id) and again at
 * consent (login_session_id with the acr and amr the server kept). A failure here only costs a
 * later sign-in its shortcut, so it is logged and never stops the flow.
 */
export async function rememberLoginSession(sessionId: string | undefined, subject: string | undefined, acr: string | undefined, amr: readonly string[]): Promise<void> {
  // An accept that named only the subject teaches nothing, and must not erase what was learned.
  if (!sessionId || !subject || (!acr && amr.length === 0)) return;
  try {
    await (await factorStore()).sessions.remember(sessionId, subject, acr, amr);
  } catch (error) {
    console.error("mfa: could not remember the login session", error);
  }
}

export const rememberConsentedSession = (request: ConsentRequest) =>
  rememberLoginSession(request.loginSessionId, request.subject, request.acr, request.amr);
