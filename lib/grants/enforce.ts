import "server-only";
import { challenges, type ConsentSession } from "@/lib/challenge";
import { identityStore } from "@/lib/identity";
import { deadlinesIn, type ConsentRecord } from "./deadlines";
import { endedConsents, latestEnd } from "./ends";

// The end date on the consent screen holds with any authorization server: the embedded core ends
// grants itself, Ory Hydra does not — past remember_for it stops listing the consent and stops
// skipping the screen, but the grant and its refresh tokens live on. So Tobira revokes an ended
// consent itself through the admin API (DELETE /admin/oauth2/auth/sessions/consent?subject=&client=,
// which revokes its tokens too) at the deadline it noted when it accepted the consent: on a timer
// in the UI process, with a periodic sweep behind it (deadlines set by other instances or before
// a restart), and whenever the person's grants are read.

const SWEEP_SECONDS = 60;
const BATCH = 100;

async function deadlines() {
  return deadlinesIn((await identityStore()).database.db);
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

/** The person took access back themselves: nothing is left to end. */
export async function forgetConsentEnds(subject: string, clientId?: string): Promise<void> {
  await (await deadlines()).forget(subject, clientId).catch((error: unknown) =>
    console.error("[tobira] consent ends: could not forget a deadline:", error instanceof Error ? error.message : error),
  );
}

async function revoke(subject: string, clientId: string, clientName: string | undefined): Promise<void> {
  await challenges().revokeConsentSessions(subject, clientId);
  await (await deadlines()).forget(subject, clientId);
  await (await identityStore()).securityEvents.record({ subject, kind: "consent_ended", clientId, clientName: clientName || undefined });
}

/**
 * Ends what is due: each passed deadline (all, or one person's) is claimed by one instance; a
 * newer consent the authorization server still lists for that app moves the deadline to its end,
 * otherwise the app's consent is revoked and the person's activity says so.
 */
async function endDue(subject?: string): Promise<void> {
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
    const name = ofApp.find((s) => s.client)?.client?.name ?? (await challenges().getClient(due.clientId).catch(() => undefined))?.name;
    await revoke(due.subject, due.clientId, name);
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
    const next = await (await deadlines()).next();
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
