import { entryFor, hasPerUseScope, isOffline, type Catalogue } from "../scopes/catalogue";

// The consent step's decisions, as pure functions of what the authorization server, the
// catalogue and the client's metadata say (CONSENT.md §2, §3). The page only renders the result.

const DAY = 24 * 60 * 60;

/** A consent decision this person made earlier for this client (a listed consent session). */
export interface RememberedConsent {
  scopes: string[];
  audience: string[];
  /** Optional scopes the person left unticked (kept in the consent session's context). */
  declined: string[];
  /** The client's consent-metadata version the decision was made under. */
  version?: string;
  handledAt: Date;
  /** When the decision (and, in the embedded core, the grant) ends; absent: it does not. */
  endsAt?: Date;
}

/** What the consent session listing returns, reshaped (lib/challenge ConsentSession). */
export interface ListedConsent {
  clientId?: string;
  grantScope: string[];
  grantAudience: string[];
  handledAt?: string;
  remember: boolean;
  rememberFor: number;
  context?: unknown;
}

export interface ConsentSituation {
  catalogue: Catalogue;
  requestedScopes: string[];
  requestedAudience: string[];
  /** The authorization server's own view: a remembered consent covers the request. */
  serverSkip: boolean;
  /** The operator registered the client with skip_consent (first-party app). */
  firstParty: boolean;
  /** The request carries RFC 9396 authorization_details (already checked to be showable). */
  hasTransactions: boolean;
  /** Assurance level the transactions need (2 when there are none). */
  transactionAssurance: 2 | 3;
  remembered?: RememberedConsent;
  clientVersion?: string;
  optionalScopes: string[];
  durationSeconds: number;
  sessionLevel: number;
  now: Date;
}

export type Change = "expired" | "terms_changed" | "new_scopes" | "offline_access" | "new_audience" | "asked_again";
export type Mark = "new" | "granted";

/** What goes into the consent accept's `context` (read back from the consent session). */
export interface ConsentContext {
  tobira: { consent_version?: string; declined_scopes: string[] };
}

export interface Grant {
  grantScope: string[];
  grantAudience: string[];
  remember: boolean;
  rememberFor: number;
  context: ConsentContext;
}

export type ConsentDecision =
  | { kind: "step_up"; required: 3 }
  | ({ kind: "skip" } & Grant)
  | {
      kind: "ask";
      /** Per-use scopes or transactions: asked every time, nothing remembered. */
      perUse: boolean;
      changes: Change[];
      /** Per requested scope: new since the remembered consent, or already granted. */
      marks: Record<string, Mark>;
      newAudience: string[];
      continuous: boolean;
      endsAt: Date;
      optional: string[];
      previousEndedAt?: Date;
    };

/** Assurance level of the session from its acr (CONSENT.md §3): 3 = second factor, 2 = password. */
export function assuranceLevel(acr: string | undefined, levels: { level2: string; level3: string }): number {
  if (acr === levels.level3) return 3;
  if (acr === levels.level2) return 2;
  return 0;
}

/** The highest assurance level any requested scope needs (unknown scopes: the baseline, 2). */
export function requiredLevel(catalogue: Catalogue, scopes: readonly string[]): 2 | 3 {
  return scopes.some((scope) => entryFor(catalogue, scope)?.assurance === 3) ? 3 : 2;
}

/** Consent duration: the client's wish (default from the catalogue), capped by the operator. */
export function consentDurationSeconds(
  wish: { duration_seconds?: number; duration_days?: number },
  catalogue: Catalogue,
): number {
  const asked = wish.duration_seconds ?? Math.round((wish.duration_days ?? catalogue.consent.default_days) * DAY);
  return Math.max(1, Math.min(asked, Math.round(catalogue.consent.max_days * DAY)));
}

function contextOf(value: unknown): { version?: string; declined: string[] } {
  const tobira = typeof value === "object" && value !== null ? (value as Record<string, unknown>).tobira : undefined;
  if (typeof tobira !== "object" || tobira === null) return { declined: [] };
  const { consent_version: version, declined_scopes: declined } = tobira as Record<string, unknown>;
  return {
    version: typeof version === "string" || typeof version === "number" ? String(version) : undefined,
    declined: Array.isArray(declined) ? declined.filter((s): s is string => typeof s === "string") : [],
  };
}

/** The newest remembered decision for this client, expired or not (expiry is judged later).
 * handled_at has whole seconds; for decisions within one second the server's listing order
 * (newest first) decides, which the stable sort keeps. */
export function latestRemembered(sessions: readonly ListedConsent[], clientId: string): RememberedConsent | undefined {
  const candidates = sessions
    .filter((s) => s.remember && s.clientId === clientId && s.handledAt && Number.isFinite(Date.parse(s.handledAt)))
    .sort((a, b) => Date.parse(b.handledAt ?? "") - Date.parse(a.handledAt ?? ""));
  const newest = candidates[0];
  if (!newest) return undefined;
  const handledAt = new Date(Date.parse(newest.handledAt ?? ""));
  const context = contextOf(newest.context);
  return {
    scopes: newest.grantScope,
    audience: newest.grantAudience,
    declined: context.declined,
    version: context.version,
    handledAt,
    endsAt: newest.rememberFor > 0 ? new Date(handledAt.getTime() + newest.rememberFor * 1000) : undefined,
  };
}

const isExpired = (remembered: RememberedConsent, now: Date) => remembered.endsAt !== undefined && remembered.endsAt <= now;

/**
 * Rules, in order:
 * 1. a scope or transaction needs level 3 and the session has less → step up first (§3)
 * 2. per-use scopes and transactions → ask, every time, remember nothing (§2)
 * 3. a first-party client (skip_consent) → accept without a page
 * 4. the server says a remembered consent covers it, and that consent is still valid, made
 *    under the client's current consent-metadata version, and covers every scope (granted or
 *    declined) and audience → accept with the remembered grant, ending when it ends
 * 5. otherwise ask, marking what is new since the remembered consent
 */
export function decideConsent(s: ConsentSituation): ConsentDecision {
  const needed = Math.max(requiredLevel(s.catalogue, s.requestedScopes), s.transactionAssurance);
  if (needed === 3 && s.sessionLevel < 3) return { kind: "step_up", required: 3 };

  const perUse = s.hasTransactions || hasPerUseScope(s.catalogue, s.requestedScopes);
  const context: ConsentContext = { tobira: { consent_version: s.clientVersion, declined_scopes: [] } };
  if (!perUse && s.firstParty) {
    return {
      kind: "skip",
      grantScope: unique(s.requestedScopes),
      grantAudience: unique(s.requestedAudience),
      remember: true,
      rememberFor: s.durationSeconds,
      context,
    };
  }

  const r = s.remembered;
  const valid = r !== undefined && !isExpired(r, s.now);
  const sameTerms = r !== undefined && r.version === s.clientVersion;
  const covered = (scope: string) => r !== undefined && (r.scopes.includes(scope) || r.declined.includes(scope));
  const newScopes = r ? s.requestedScopes.filter((scope) => !covered(scope)) : [];
  const newAudience = r ? s.requestedAudience.filter((aud) => !r.audience.includes(aud)) : [];

  if (!perUse && s.serverSkip && r && valid && sameTerms && newScopes.length === 0 && newAudience.length === 0) {
    const left = r.endsAt ? Math.ceil((r.endsAt.getTime() - s.now.getTime()) / 1000) : s.durationSeconds;
    return {
      kind: "skip",
      grantScope: unique(s.requestedScopes.filter((scope) => r.scopes.includes(scope))),
      grantAudience: unique(s.requestedAudience),
      remember: true,
      rememberFor: Math.max(1, left),
      context: { tobira: { consent_version: r.version, declined_scopes: r.declined } },
    };
  }

  const changes: Change[] = [];
  const marks: Record<string, Mark> = {};
  if (r) {
    if (!valid) changes.push("expired");
    if (!sameTerms) changes.push("terms_changed");
    if (newScopes.some((scope) => !isOffline(scope))) changes.push("new_scopes");
    if (newScopes.some(isOffline)) changes.push("offline_access");
    if (newAudience.length) changes.push("new_audience");
    if (changes.length === 0) changes.push("asked_again");
    if (valid) {
      for (const scope of s.requestedScopes) {
        if (r.scopes.includes(scope)) marks[scope] = "granted";
        else if (!r.declined.includes(scope)) marks[scope] = "new";
      }
    }
  }

  return {
    kind: "ask",
    perUse,
    changes,
    marks,
    newAudience: valid ? newAudience : [],
    continuous: s.requestedScopes.some(isOffline),
    endsAt: new Date(s.now.getTime() + s.durationSeconds * 1000),
    optional: s.requestedScopes.filter((scope) => s.optionalScopes.includes(scope)),
    ...(r && !valid && r.endsAt ? { previousEndedAt: r.endsAt } : {}),
  };
}

/**
 * What "allow" grants: every required scope, the optional ones the person ticked (never more
 * than was requested), every requested audience; remembered unless per-use, for the duration shown.
 */
export function grantFromAsk(
  decision: Extract<ConsentDecision, { kind: "ask" }>,
  s: Pick<ConsentSituation, "requestedScopes" | "requestedAudience" | "clientVersion" | "durationSeconds">,
  ticked: readonly string[],
): Grant {
  const kept = new Set(ticked.filter((scope) => decision.optional.includes(scope)));
  const grantScope = unique(s.requestedScopes.filter((scope) => !decision.optional.includes(scope) || kept.has(scope)));
  return {
    grantScope,
    grantAudience: unique(s.requestedAudience),
    remember: !decision.perUse,
    rememberFor: s.durationSeconds,
    context: {
      tobira: {
        consent_version: s.clientVersion,
        declined_scopes: unique(decision.optional.filter((scope) => !kept.has(scope))),
      },
    },
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
