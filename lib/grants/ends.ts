import type { ConsentSession } from "@/lib/challenge/types";

// Which apps' remembered consents have all ended, read from the consent sessions themselves
// (handled_at + remember_for), so the answer holds whatever the authorization server enforces.

const time = (iso: string | undefined) => {
  const value = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(value) ? undefined : value;
};

/**
 * 1. only remembered consents count (a per-use consent has no end date to keep);
 * 2. remember_for 0 means "until revoked": that app has not ended;
 * 3. an app has ended when the newest end of its remembered consents is at or before `now`.
 * Returns the ended apps' client ids with their end.
 */
export function endedConsents(sessions: readonly ConsentSession[], now = Date.now()): { clientId: string; endedAt: Date }[] {
  const byClient = new Map<string, ConsentSession[]>();
  for (const session of sessions) {
    const clientId = session.client?.id;
    if (clientId) byClient.set(clientId, [...(byClient.get(clientId) ?? []), session]);
  }
  return [...byClient.entries()].flatMap(([clientId, group]) => {
    const end = latestEnd(group);
    return end !== undefined && end <= now ? [{ clientId, endedAt: new Date(end) }] : [];
  });
}

/** When the newest remembered consent among these ends (ms; Infinity: until revoked), if any. */
export function latestEnd(sessions: readonly ConsentSession[]): number | undefined {
  let latest: number | undefined;
  for (const session of sessions) {
    const handled = time(session.handledAt);
    if (!session.remember || handled === undefined) continue;
    const end = session.rememberFor > 0 ? handled + session.rememberFor * 1000 : Number.POSITIVE_INFINITY;
    latest = Math.max(latest ?? Number.NEGATIVE_INFINITY, end);
  }
  return latest;
}
