import type { ConsentSession } from "@/lib/challenge/types";
import { clientLinks, clientName, webUrl } from "@/lib/challenge/client-texts";

// "Who has my data, since when, until when?" — the consent sessions of one person, one entry
// per app (an app may hold several consent sessions: every accept is one).

export type AccessKind = "continuous" | "one-time";

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
}

const OFFLINE = new Set(["offline_access", "offline"]);


const date = (iso: string | undefined) => {
  const value = iso ? new Date(iso) : undefined;
  return value && !Number.isNaN(value.getTime()) ? value : undefined;
};

/**
 * 1. sessions without a client, and the excluded (first-party) clients, are left out
 * 2. per client: every granted scope and audience, the first grant time
 * 3. continuous when any grant includes offline access; it ends when the remembered consent
 *    ends (remember_for), or never before it is revoked (remember_for 0)
 * 4. one-time access ends when its access token expires
 * 5. newest grant first
 */
export function groupGrantedApps(sessions: readonly ConsentSession[], exclude: readonly string[], now = Date.now(), locale?: string): GrantedApp[] {
  const byClient = new Map<string, ConsentSession[]>();
  for (const session of sessions) {
    const id = session.client?.id;
    if (!id || exclude.includes(id)) continue;
    byClient.set(id, [...(byClient.get(id) ?? []), session]);
  }

  const apps = [...byClient.entries()].map(([clientId, group]): { app: GrantedApp; latest: number } => {
    const client = group.find((s) => s.client)?.client;
    const scopes = [...new Set(group.flatMap((s) => s.grantScope))];
    const handled = group.map((s) => date(s.handledAt)?.getTime() ?? 0);
    const continuous = scopes.some((scope) => OFFLINE.has(scope));
    let endsAt: Date | undefined;
    if (continuous) {
      const ends = group.map((s, i) => (s.rememberFor > 0 ? (handled[i] ?? 0) + s.rememberFor * 1000 : Number.POSITIVE_INFINITY));
      const last = Math.max(...ends);
      endsAt = Number.isFinite(last) ? new Date(last) : undefined;
    } else {
      const ends = group.map((s) => date(s.expiresAt.accessToken)?.getTime()).filter((t): t is number => t !== undefined);
      endsAt = ends.length ? new Date(Math.max(...ends)) : undefined;
    }
    const app: GrantedApp = {
      clientId,
      name: client ? (locale ? clientName(client, locale) : client.name) : "",
      clientUri: webUrl(client?.clientUri),
      ...(client && locale ? clientLinks(client, locale) : { logoUri: webUrl(client?.logoUri), tosUri: webUrl(client?.tosUri), policyUri: webUrl(client?.policyUri) }),
      scopes,
      audiences: [...new Set(group.flatMap((s) => s.grantAudience))],
      grantedAt: new Date(Math.min(...handled)),
      access: continuous ? "continuous" : "one-time",
      endsAt,
      ended: endsAt !== undefined && endsAt.getTime() <= now,
    };
    return { app, latest: Math.max(...handled) };
  });
  return apps.sort((a, b) => b.latest - a.latest).map(({ app }) => app);
}
