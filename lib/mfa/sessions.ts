import "server-only";
import type { ConsentRequest } from "@/lib/challenge";
import { factorStore } from "@/lib/factors";

/**
 * Learns how the authorization server's login session was authenticated. The consent request is
 * the first place where Hydra's API names the session (login_session_id) together with the acr
 * and amr Tobira accepted; a later login request on the same session then knows which factors
 * the person already gave. A failure here only costs a later step-up its shortcut, so it is
 * logged and never stops the consent.
 */
export async function rememberLoginSession(request: ConsentRequest): Promise<void> {
  if (!request.loginSessionId || !request.subject) return;
  try {
    await (await factorStore()).sessions.remember(request.loginSessionId, request.subject, request.acr, request.amr);
  } catch (error) {
    console.error("mfa: could not remember the login session", error);
  }
}
