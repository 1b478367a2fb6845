import type { Client, ConsentSession } from "@/lib/challenge/types";
import { clientLinks, clientName, webUrl } from "@/lib/challenge/client-texts";

// "Who has my data, since when, until when?" — the consent sessions of one person, and the
// per-use grants that left an app a refresh token (lib/grants/per-use.ts), one entry per app (an
// app may hold several consent sessions: every accept is one).

/** "per-use": only per-use grants (asked every time), which still let the app refresh. */
export type AccessKind = "continuous" | "one-time" | "per-use";

/** A per-use grant with offline access, as Tobira recorded it, and its app. */
export interface PerUseApp {
  client: Client;
  scopes: string[];
  audiences: string[];
  grantedAt: Date;
  endsAt: Date;
}

export interface GrantedApp {
  clientId: string;
  /** Self-asserted by the client: display escaped and isolated. */
  name: string;
  logoUri?: string;
  clientUri?: string;
  tosUri?: string;
  policyUri?: string;
  /** Granted scopes, raw; components/account/GrantedScopes renders them in plain language. */
  scopes: string[];
  audiences: string[];
  /** When the person first allowed this app. */
  grantedAt: Date;
  /** Continuous: refresh tokens (offline_access) keep access without the person. */
  access: AccessKind;
  /** When the access ends; undefined for continuous access that lasts until revoked. */
  endsAt?: Date;
  /** True when endsAt is already past. */
  ended: boolean;
  /** Set when per-use grants still let the app refresh: until when (the latest of them). */
  perUseUntil?: Date;
}

const OFFLINE = new Set(["offline_access", "offline"]);


const date = (iso: string | undefined) => {
  const value = iso ? new Date(iso) : undefined;
  return value && !Number.isNaN(value.getTime()) ? value : undefined;
};

/**
 * 1. sessions without a client, and the excluded (first-party) clients, are left out; so are
 *    per-use sessions a server lists (Ory Hydra does, until remember_for; the embedded core does
 *    not): a per-use consent is listed from Tobira's record (`perUse`), and only while it still
 *    lets the app refresh, so that both servers list the same
 * 2. per client: every granted scope and audience, the first grant time
 * 3. continuous when any remembered grant includes offline access; it ends when the remembered
 *    consent ends (remember_for), or never before it is revoked (remember_for 0)
 * 4. one-time access ends when its access token expires
 * 5. an app's per-use grants add their scopes and audiences and say until when the app can
 *    refresh; an app with only per-use grants is of kind "per-use" and ends with the latest
 * 6. newest grant first
 */
export function groupGrantedApps(
  sessions: readonly ConsentSession[],
  exclude: readonly string[],
  now = Date.now(),
  locale?: string,
  perUse: readonly PerUseApp[] = [],
): GrantedApp[] {
  type Group = { client?: Client; sessions: ConsentSession[]; perUse: PerUseApp[] };
  const byClient = new Map<string, Group>();
  const entry = (id: string): Group => {
    const found = byClient.get(id);
    if (found) return found;
    const created: Group = { sessions: [], perUse: [] };
    byClient.set(id, created);
    return created;
  };
  for (const session of sessions) {
    const id = session.client?.id;
    if (!id || exclude.includes(id) || !session.remember) continue;
    const group = entry(id);
    group.client ??= session.client;
    group.sessions.push(session);
  }
  for (const grant of perUse) {
    if (exclude.includes(grant.client.id)) continue;
    const group = entry(grant.client.id);
    group.client ??= grant.client;
    group.perUse.push(grant);
  }

  const apps = [...byClient.entries()].map(([clientId, { client, sessions: group, perUse: uses }]): { app: GrantedApp; latest: number } => {
    const handled = group.map((s) => date(s.handledAt)?.getTime() ?? 0);
    const perUseUntil = uses.length ? new Date(Math.max(...uses.map((u) => u.endsAt.getTime()))) : undefined;
    const remembered = [...new Set(group.flatMap((s) => s.grantScope))];
    const continuous = remembered.some((scope) => OFFLINE.has(scope));
    let access: AccessKind;
    let endsAt: Date | undefined;
    if (group.length === 0) {
      access = "per-use";
      endsAt = perUseUntil;
    } else if (continuous) {
      access = "continuous";
      const ends = group.map((s, i) => (s.rememberFor > 0 ? (handled[i] ?? 0) + s.rememberFor * 1000 : Number.POSITIVE_INFINITY));
      const last = Math.max(...ends);
      endsAt = Number.isFinite(last) ? new Date(last) : undefined;
    } else {
      access = "one-time";
      const ends = group.map((s) => date(s.expiresAt.accessToken)?.getTime()).filter((t): t is number => t !== undefined);
      endsAt = ends.length ? new Date(Math.max(...ends)) : undefined;
    }
    const granted = [...handled, ...uses.map((u) => u.grantedAt.getTime())];
    const app: GrantedApp = {
      clientId,
      name: client ? (locale ? clientName(client, locale) : client.name) : "",
      clientUri: webUrl(client?.clientUri),
      ...(client && locale ? clientLinks(client, locale) : { logoUri: webUrl(client?.logoUri), tosUri: webUrl(client?.tosUri), policyUri: webUrl(client?.policyUri) }),
      scopes: [...new Set([...remembered, ...uses.flatMap((u) => u.scopes)])],
      audiences: [...new Set([...group.flatMap((s) => s.grantAudience), ...uses.flatMap((u) => u.audiences)])],
      grantedAt: new Date(Math.min(...granted)),
      access,
      endsAt,
      ended: endsAt !== undefined && endsAt.getTime() <= now,
      ...(perUseUntil ? { perUseUntil } : {}),
    };
    return { app, latest: Math.max(...granted) };
  });
  return apps.sort((a, b) => b.latest - a.latest).map(({ app }) => app);
}
