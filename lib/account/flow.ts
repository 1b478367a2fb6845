import "server-only";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { recordActivity } from "@/lib/activity";
import { identityStore } from "@/lib/identity";
import { countRevocation } from "@/lib/metrics";
import { attempt, challenges, type ChallengeErrorKind } from "@/lib/challenge";
import { endEndedConsents, forgetConsentEnds, perUseGrantsOf } from "@/lib/grants/enforce";
import { groupGrantedApps, type GrantedApp } from "./apps";
import { ACCOUNT_CLIENT_ID } from "./oidc-client";
import { isFresh, type AccountSession } from "./session-data";
import { readAccountSession } from "./session";

/** The signed-in person, or off to sign in (and back to `returnTo` afterwards). */
export async function requireAccountSession(returnTo: string): Promise<AccountSession> {
  const session = await readAccountSession();
  if (!session) redirect(`/account/login?${new URLSearchParams({ return: returnTo })}`);
  return session;
}

export type AccountError = "reauth" | "unavailable" | "internal";
export type AccountOutcome = { ok: true } | { ok: false; error: AccountError };

const failed = (kind: ChallengeErrorKind): AccountOutcome => ({ ok: false, error: kind === "unavailable" ? "unavailable" : "internal" });

export async function grantedApps(subject: string): Promise<{ ok: true; apps: GrantedApp[] } | { ok: false; error: AccountError }> {
  // Reading the grants is also when an ended consent is ended, if the server has not (lib/grants).
  const loaded = await attempt("account: list consent sessions", async () => {
    const sessions = await endEndedConsents(subject, await challenges().listConsentSessions(subject));
    return { sessions, perUse: await perUseGrantsOf(subject, sessions) };
  });
  if (!loaded.ok) return failed(loaded.kind) as { ok: false; error: AccountError };
  const { sessions, perUse } = loaded.value;
  return { ok: true, apps: groupGrantedApps(sessions, [ACCOUNT_CLIENT_ID], Date.now(), await getLocale(), perUse) };
}

/** An app's registered name, for confirmations (empty when it cannot be found). */
export async function appName(clientId: string): Promise<string> {
  const loaded = await attempt("account: get client", () => challenges().getClient(clientId));
  return loaded.ok ? loaded.value.name : "";
}

/** Revokes the app's consent and every token issued under it, at once. Needs a fresh sign-in. */
export async function revokeApp(session: AccountSession, clientId: string): Promise<AccountOutcome> {
  if (!isFresh(session)) return { ok: false, error: "reauth" };
  const name = await appName(clientId);
  const revokedAt = Date.now();
  // Every grant of the app, remembered or per-use, and every token under them.
  const revoked = await attempt("account: revoke consent", () => challenges().revokeConsentSessions(session.sub, clientId));
  if (!revoked.ok) return failed(revoked.kind);
  countRevocation("person", "app");
  await forgetConsentEnds(session.sub, clientId, revokedAt);
  await recordActivity({ kind: "consent_revoked", subject: session.sub, clientId, clientName: name || undefined });
  return { ok: true };
}

export async function revokeAllApps(session: AccountSession): Promise<AccountOutcome> {
  if (!isFresh(session)) return { ok: false, error: "reauth" };
  const revokedAt = Date.now();
  const revoked = await attempt("account: revoke all consents", () => challenges().revokeConsentSessions(session.sub));
  if (!revoked.ok) return failed(revoked.kind);
  countRevocation("person", "all_apps");
  await forgetConsentEnds(session.sub, undefined, revokedAt);
  await recordActivity({ kind: "consent_revoked_all", subject: session.sub });
  return { ok: true };
}

/** Ends every login session of the person at the authorization server (every browser, every device). */
export async function signOutEverywhere(session: AccountSession): Promise<AccountOutcome> {
  if (!isFresh(session)) return { ok: false, error: "reauth" };
  const revoked = await attempt("account: revoke login sessions", () => challenges().revokeLoginSessions(session.sub));
  if (!revoked.ok) return failed(revoked.kind);
  countRevocation("person", "sign_in_sessions");
  // Every other browser's account area too (this one is signed out by the action).
  await (await identityStore()).accounts.endSessions(session.sub);
  await recordActivity({ kind: "signed_out_everywhere", subject: session.sub });
  return { ok: true };
}
