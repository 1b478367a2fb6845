import "server-only";
import { ChallengeError, challenges, type Client, type ConsentSession } from "@/lib/challenge";
import { identityStore } from "@/lib/identity";
import { countRevocation } from "@/lib/metrics";
import { deadlinesIn, type ConsentRecord } from "./deadlines";
import { endedConsents, latestEnd } from "./ends";
import { perUseGrantsIn, type PerUseGrant } from "./per-use";

// The end date on the consent screen holds with any authorization server: the embedded core ends
// grants itself, Ory Hydra does not — past remember_for it stops listing the consent and stops
// skipping the screen, but the grant and its refresh tokens live on. So Tobira revokes an ended
// consent itself through the admin API (DELETE /admin/oauth2/auth/sessions/consent?subject=&client=,
// which revokes its tokens too) at the deadline it noted when it accepted the consent: on a timer
// in the UI process, with a periodic sweep behind it (deadlines set by other instances or before
// a restart), and whenever the person's grants are read.
//
// A per-use consent (never remembered) that granted offline access is ended the same way at the
// end date its consent screen showed (lib/grants/per-use.ts). The admin API ends an app's access
// only as a whole (subject + client), so:
// 1. when a remembered consent of the app ends, the app's per-use grants end with it;
// 2. when a per-use grant ends while the app's remembered consent, or another of its per-use
//    grants, lasts longer, it ends with that one, and is listed until then: ending it at its own
//    date would take away access the person still means the app to have.

const SWEEP_SECONDS = 60;
const BATCH = 100;
/** How long a claimed per-use grant waits before another try, when ending its access failed. */
const RETRY_MS = SWEEP_SECONDS * 1000;

async function deadlines() {
  return deadlinesIn((await identityStore()).database.db);
}

async function perUseGrants() {
  return perUseGrantsIn((await identityStore()).database.db);
}

/** Records the remembered consent just accepted, and so when it ends (remember_for 0: never). */
export async function recordConsent(subject: string, clientId: string, consent: ConsentRecord): Promise<void> {
  await (await deadlines()).record(subject, clientId, consent);
  armTimer();
}

/** The consents Tobira recorded for the person, shaped like listed consent sessions. */
export async function recordedConsents(subject: string): Promise<ConsentSession[]> {
  return (await deadlines()).of(subject);
}

/** Records a per-use consent just accepted with offline access: its refresh token lasts until
 * `rememberFor` seconds from now, the end date its consent screen showed. */
export async function recordPerUseGrant(
  subject: string,
  clientId: string,
  grant: { grantScope: readonly string[]; grantAudience: readonly string[]; rememberFor: number },
): Promise<void> {
  await (await perUseGrants()).record(subject, clientId, { ...grant, seconds: grant.rememberFor });
  armTimer();
}

/**
 * The person's per-use grants that still hold lasting access, each with its app (from the
 * listed sessions, else the admin API). A grant whose app is gone is forgotten: deleting a
 * client deletes its tokens.
 */
export async function perUseGrantsOf(subject: string, listed: readonly ConsentSession[]): Promise<(PerUseGrant & { client: Client })[]> {
  const store = await perUseGrants();
  const grants = await store.of(subject);
  const clients = new Map<string, Client>(listed.flatMap((s): [string, Client][] => (s.client ? [[s.client.id, s.client]] : [])));
  for (const clientId of new Set(grants.map((g) => g.clientId))) {
    if (clients.has(clientId)) continue;
    try {
      clients.set(clientId, await challenges().getClient(clientId));
    } catch (error) {
      if (!(error instanceof ChallengeError && error.kind === "not_found")) throw error;
      await store.forget(subject, clientId);
    }
  }
  return grants.flatMap((g) => {
    const client = clients.get(g.clientId);
    return client ? [{ ...g, client }] : [];
  });
}

/** The person took access back themselves (all apps, or one): nothing is left to end. Per-use
 * grants recorded after `revokedAt` (a consent accepted while the revocation ran) are kept. */
export async function forgetConsentEnds(subject: string, clientId?: string, revokedAt = Date.now()): Promise<void> {
  const log = (error: unknown) =>
    console.error("[tobira] consent ends: could not forget a deadline:", error instanceof Error ? error.message : error);
  await (await deadlines()).forget(subject, clientId).catch(log);
  await (await perUseGrants()).forget(subject, clientId, revokedAt).catch(log);
}

async function revoke(subject: string, clientId: string, clientName: string | undefined): Promise<void> {
  const revokedAt = Date.now();
  await challenges().revokeConsentSessions(subject, clientId);
  countRevocation("end_date", "app");
  await (await deadlines()).forget(subject, clientId);
  await (await perUseGrants()).forget(subject, clientId, revokedAt);
  await (await identityStore()).securityEvents.record({ subject, kind: "consent_ended", clientId, clientName: clientName || undefined });
}

/** The name for the activity entry: from the listing, else the admin API (empty when gone). */
async function appName(clientId: string, listed: readonly ConsentSession[]): Promise<string | undefined> {
  return listed.find((s) => s.client)?.client?.name ?? (await challenges().getClient(clientId).catch(() => undefined))?.name;
}

/**
 * Ends what is due: each passed deadline (all, or one person's) is claimed by one instance; a
 * newer consent the authorization server still lists for that app moves the deadline to its end,
 * otherwise the app's consent is revoked and the person's activity says so.
 */
async function endDue(subject?: string): Promise<void> {
  await endDueConsents(subject);
  await endDuePerUse(subject);
}

async function endDueConsents(subject?: string): Promise<void> {
  const store = await deadlines();
  for (const due of await store.due(BATCH, subject)) {
    if (!(await store.claim(due.subject, due.clientId, due.endsAt))) continue;
    const ofApp = (await challenges().listConsentSessions(due.subject)).filter((s) => s.client?.id === due.clientId);
    const later = latestEnd(ofApp);
    if (later !== undefined && later > Date.now()) {
      // A consent the server still lists outlasts this deadline (a newer one, given meanwhile,
      // or the server's own clock a little behind ours): look again at its end.
      const newest = ofApp.filter((s) => s.remember).sort((a, b) => Date.parse(b.handledAt ?? "") - Date.parse(a.handledAt ?? ""))[0];
      const left = Number.isFinite(later) ? Math.ceil((later - Date.now()) / 1000) : 0;
      if (newest) await store.record(due.subject, due.clientId, { ...newest, rememberFor: left });
      continue;
    }
    await revoke(due.subject, due.clientId, await appName(due.clientId, ofApp));
  }
}

/**
 * Ends each per-use grant that is due (all, or one person's), claimed by one instance: when
 * another grant of the app outlasts it (rules 2 above), it is moved to that end; otherwise the
 * app's access is revoked. A failure leaves the grant due again after RETRY_MS.
 */
async function endDuePerUse(subject?: string): Promise<void> {
  const store = await perUseGrants();
  for (const due of await store.due(BATCH, subject)) {
    const now = Date.now();
    if (!(await store.claim(due, now + RETRY_MS))) continue;
    const ofApp = (await challenges().listConsentSessions(due.subject)).filter((s) => s.client?.id === due.clientId);
    const recorded = (await (await deadlines()).of(due.subject)).filter((s) => s.client?.id === due.clientId);
    const others = (await store.of(due.subject, due.clientId)).filter((g) => g.id !== due.id).map((g) => g.endsAt.getTime());
    const later = Math.max(latestEnd([...ofApp, ...recorded]) ?? Number.NEGATIVE_INFINITY, ...others);
    if (later > now) {
      // A remembered consent until revoked (which Tobira never gives) ends with its revocation,
      // which ends this grant too: nothing is left to keep.
      if (Number.isFinite(later)) await store.extend(due.id, later);
      else await store.remove(due.id);
      continue;
    }
    await revoke(due.subject, due.clientId, await appName(due.clientId, ofApp));
  }
}

/** When the person's grants are read: ends what is due for them, and any listed consent whose end
 * has passed (a server that lists ended consents). Returns the sessions that are left. */
export async function endEndedConsents(subject: string, sessions: readonly ConsentSession[]): Promise<ConsentSession[]> {
  await endDue(subject);
  const ended = endedConsents(sessions);
  for (const { clientId } of ended) await revoke(subject, clientId, sessions.find((s) => s.client?.id === clientId)?.client?.name);
  const gone = new Set(ended.map((e) => e.clientId));
  return sessions.filter((s) => !s.client || !gone.has(s.client.id));
}

const state = globalThis as typeof globalThis & { __tobiraConsentTimer?: NodeJS.Timeout; __tobiraConsentSweep?: NodeJS.Timeout };

async function runSweep(): Promise<void> {
  try {
    await endDue();
  } catch (error) {
    console.error("[tobira] consent ends: sweep failed:", error instanceof Error ? error.message : error);
  } finally {
    armTimer();
  }
}

/** Sets the timer for the next deadline (at most one sweep interval away). */
function armTimer(): void {
  void (async () => {
    const times = [await (await deadlines()).next(), await (await perUseGrants()).next()].filter((t): t is number => t !== undefined);
    const next = times.length ? Math.min(...times) : undefined;
    const delay = next === undefined ? SWEEP_SECONDS * 1000 : Math.min(SWEEP_SECONDS * 1000, Math.max(0, next - Date.now()));
    if (state.__tobiraConsentTimer) clearTimeout(state.__tobiraConsentTimer);
    state.__tobiraConsentTimer = setTimeout(() => void runSweep(), delay + 200);
    state.__tobiraConsentTimer.unref();
  })().catch((error: unknown) => console.error("[tobira] consent ends: cannot read deadlines:", error instanceof Error ? error.message : error));
}

/** Starts the schedule in this process (instrumentation.ts); once per process. */
export function startConsentEnds(): void {
  if (state.__tobiraConsentSweep) return;
  state.__tobiraConsentSweep = setInterval(() => void runSweep(), SWEEP_SECONDS * 1000);
  state.__tobiraConsentSweep.unref();
  void runSweep();
}
