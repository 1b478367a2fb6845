import "server-only";
import { brandIdOf } from "@/lib/branding/client-brand";
import { ChallengeError, type ChallengeErrorKind } from "./errors";
import { challenges } from "./index";
import { parseChallenge } from "./params";
import type { Handed } from "./handoff";
import type { ProblemReason } from "./problem";

// What proxy.ts needs to know about a challenge before rendering: its ui_locales (for <html
// lang>), its client's brand (for the CSS in the first HTML) or why it cannot be shown (to answer with the right status). Cached briefly per
// challenge so that the page, its server action posts and reloads do not each cost a lookup.

export type ChallengeKind = "login" | "consent" | "logout";

export type Peek =
  | { ok: true; uiLocales: string[]; clientId?: string; brandId?: string }
  | { ok: false; reason: ProblemReason };

/** A peek, with the login or consent request itself when this call asked the admin API for it
 * (for lib/challenge/handoff.ts; the cache keeps only the peek). */
export type FreshPeek = Peek & { fetched?: Handed };

const PATHS: Record<string, ChallengeKind> = { "/login": "login", "/login/mfa": "login", "/consent": "consent", "/logout": "logout" };
const TTL_MS = 30_000;
const MAX_ENTRIES = 1000;
const cache = new Map<string, { expires: number; peek: Peek }>();

// Pages that carry a login challenge only to return to the OAuth flow afterwards: the challenge
// gives them their language, but they work without it (and with an expired one).
const OPTIONAL_PATHS: Record<string, ChallengeKind> = { "/register": "login", "/recover": "login" };

/** The challenge a page path may carry without needing it, if any. */
export function optionalChallengeKindFor(pathname: string): ChallengeKind | undefined {
  return OPTIONAL_PATHS[pathname.replace(/\/+$/, "") || "/"];
}

/** The challenge a page path expects, if any. */
export function challengeKindFor(pathname: string): ChallengeKind | undefined {
  return PATHS[pathname.replace(/\/+$/, "") || "/"];
}

export async function peekChallenge(kind: ChallengeKind, params: URLSearchParams): Promise<FreshPeek> {
  const all = params.getAll(`${kind}_challenge`);
  const parsed = parseChallenge(all.length > 1 ? all : all[0]);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };

  const key = `${kind}:${parsed.challenge}`;
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.peek;

  const { fetched, ...peek } = await lookup(kind, parsed.challenge);
  // A down server is not remembered: the next attempt may succeed.
  if (peek.ok || (peek.reason !== "unavailable" && peek.reason !== "internal")) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value ?? "");
    cache.set(key, { expires: Date.now() + TTL_MS, peek });
  }
  return fetched ? { ...peek, fetched } : peek;
}

async function lookup(kind: ChallengeKind, challenge: string): Promise<FreshPeek> {
  try {
    const api = challenges();
    const login = kind === "login" ? await api.getLoginRequest(challenge) : undefined;
    const consent = kind === "consent" ? await api.getConsentRequest(challenge) : undefined;
    const logout = kind === "logout" ? await api.getLogoutRequest(challenge) : undefined;
    const request = login ?? consent;
    const client = request?.client ?? logout?.client;
    return {
      ok: true,
      uiLocales: request?.oidcContext.uiLocales ?? [],
      clientId: client?.id || undefined,
      brandId: brandIdOf(client?.metadata),
      fetched: login ? { kind: "login", challenge, request: login } : consent ? { kind: "consent", challenge, request: consent } : undefined,
    };
  } catch (error) {
    const reason: ChallengeErrorKind = error instanceof ChallengeError ? error.kind : "internal";
    return { ok: false, reason };
  }
}
