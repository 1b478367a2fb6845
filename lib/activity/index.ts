import "server-only";
import { attempt, challenges, type ConsentRequest } from "@/lib/challenge";
import { maskAddress } from "@/common/address";
import { identityStore, type NewSecurityEvent, type SecurityEvent } from "@/lib/identity";
import { requestClientAddress } from "@/lib/security/request-address";

// Security activity: recorded where things happen (login, consent, logout, the account area),
// each hook a single call that never fails the flow it sits in, and shown in /account/security.

export type { SecurityEvent, SecurityEventKind } from "@/lib/identity";

/** The requesting client's network, from the address the trusted proxies vouch for (not the
 * left-most X-Forwarded-For entry, which the client writes). */
async function currentNetwork(): Promise<string | undefined> {
  return maskAddress(await requestClientAddress());
}

/** Records an event for the person; a failure is logged, never passed on. */
export async function recordActivity(event: Omit<NewSecurityEvent, "network">): Promise<void> {
  try {
    const store = await identityStore();
    await store.securityEvents.record({ ...event, network: await currentNetwork() });
  } catch (error) {
    console.error(`[tobira] activity: could not record ${event.kind}:`, error instanceof Error ? error.message : error);
  }
}

/**
 * Call before accepting a login: learns which app asked (the request cannot be read once it is
 * accepted) and returns the hook to call when the accept succeeded.
 */
export async function prepareSignIn(loginChallenge: string, subject: string): Promise<() => Promise<void>> {
  const request = await attempt("activity: login request", () => challenges().getLoginRequest(loginChallenge));
  const client = request.ok ? request.value.client : undefined;
  return () => recordActivity({ kind: "sign_in", subject, clientId: client?.id, clientName: client?.name });
}

/** Call before accepting a logout; returns the hook to call when the person signed out. */
export async function prepareSignOut(logoutChallenge: string): Promise<() => Promise<void>> {
  const request = await attempt("activity: logout request", () => challenges().getLogoutRequest(logoutChallenge));
  const logout = request.ok ? request.value : undefined;
  if (!logout?.subject) return async () => undefined;
  const subject = logout.subject;
  return () => recordActivity({ kind: "signed_out", subject, clientId: logout.client?.id, clientName: logout.client?.name });
}

/** A consent the person gave (a remembered or first-party consent that skipped the screen is not news). */
export async function recordConsentGranted(request: ConsentRequest): Promise<void> {
  if (request.skip || request.client.skipConsent) return;
  await recordActivity({ kind: "consent_granted", subject: request.subject, clientId: request.client.id, clientName: request.client.name });
}

export interface ActivityView {
  events: SecurityEvent[];
  /** The viewer's own network, to tell "this network" from "another network". */
  network?: string;
}

export async function recentActivity(subject: string): Promise<ActivityView> {
  const store = await identityStore();
  return { events: await store.securityEvents.recent(subject, 50), network: await currentNetwork() };
}
