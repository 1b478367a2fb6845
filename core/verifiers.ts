import crypto from "node:crypto";
import type { Context, Middleware } from "koa";
import type Provider from "oidc-provider";
import { nowSeconds } from "../common/db/connect";
import type { CoreConfig } from "./config";
import { findInteraction } from "./db/adapter";
import type { CoreDatabase } from "./db/store";

// Hydra's login, consent, logout and device verifiers. A challenge travels through the UI's URL,
// so whoever holds it may hand it to someone else's browser; what continues the flow is the
// verifier an accept (or reject) answers with, and only in the browser that started the flow:
// - the verifier is 32 random bytes, stored as a hash, one per challenge, used once;
// - the browser must present the cookie the core set when the flow started (oidc-provider's
//   resume cookie for login and consent, the core's own for logout and device — Hydra's CSRF
//   cookies);
// - the browser is checked before the verifier is spent, so a verifier that reaches another
//   browser, or a guess, spends nothing (as in Hydra, where the CSRF check fails before the
//   flow is stored as used).

export type VerifierKind = "login" | "consent" | "logout" | "device";

export const verifierParam = (kind: VerifierKind) => `${kind}_verifier`;

const hashOf = (verifier: string) => crypto.createHash("sha256").update(verifier).digest("base64url");

export class VerifierRepository {
  constructor(private readonly db: CoreDatabase) {}

  /**
   * A fresh verifier for the challenge, or undefined when the challenge already has one (it was
   * accepted or rejected already, possibly by a concurrent request).
   */
  async issue(kind: VerifierKind, challenge: string, expiresAt: number): Promise<string | undefined> {
    const verifier = crypto.randomBytes(32).toString("base64url");
    const result = await this.db
      .insertInto("flow_verifiers")
      .values({ hash: hashOf(verifier), kind, challenge, expires_at: expiresAt, used_at: null })
      .onConflict((oc) => oc.columns(["kind", "challenge"]).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? verifier : undefined;
  }

  /** The challenge an unused, unexpired verifier continues; nothing is spent. */
  async challengeOf(kind: VerifierKind, verifier: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("flow_verifiers")
      .select("challenge")
      .where("hash", "=", hashOf(verifier))
      .where("kind", "=", kind)
      .where("used_at", "is", null)
      .where("expires_at", ">", nowSeconds())
      .executeTakeFirst();
    return row?.challenge;
  }

  /** Spends the verifier: true for exactly one caller, and only while unused, unexpired and the challenge's. */
  async redeem(kind: VerifierKind, challenge: string, verifier: string): Promise<boolean> {
    const result = await this.db
      .updateTable("flow_verifiers")
      .set({ used_at: nowSeconds() })
      .where("hash", "=", hashOf(verifier))
      .where("kind", "=", kind)
      .where("challenge", "=", challenge)
      .where("used_at", "is", null)
      .where("expires_at", ">", nowSeconds())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

/** Why a browser may not continue; both end on the UI's error page with Hydra's CSRF error. */
export type Refusal = "other_browser" | "unusable";

const REFUSALS: Record<Refusal, string> = {
  other_browser: "This request was started in another browser. Start again from the app.",
  unusable: "This request is unknown, has expired or was already completed. Start again from the app.",
};

export function refuse(ctx: Context, config: CoreConfig, refusal: Refusal): void {
  const target = new URL(config.errorUrl);
  target.searchParams.set("error", "request_forbidden");
  target.searchParams.set("error_description", REFUSALS[refusal]);
  ctx.set("Cache-Control", "no-store");
  ctx.status = 303;
  ctx.redirect(target.href);
}

/** The query parameter as one string (a repeated parameter counts as absent). */
export function singleQuery(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function withoutQuery(ctx: Context, name: string): void {
  const query = new URLSearchParams(ctx.querystring);
  query.delete(name);
  ctx.querystring = query.toString();
}

/**
 * Remembers in this browser which challenge it started (signed with the provider's cookie keys,
 * httpOnly, only sent to `path`). The core's stand-in for Hydra's logout and device CSRF cookies.
 */
export function bindToBrowser(ctx: Context, name: string, challenge: string, path: string, ttl: number): void {
  ctx.cookies.set(name, challenge, { path, httpOnly: true, sameSite: "lax", maxAge: ttl * 1000, overwrite: true });
}

export function isBoundBrowser(ctx: Context, name: string, challenge: string): boolean {
  return ctx.cookies.get(name) === challenge;
}

export function unbindBrowser(ctx: Context, name: string, path: string): void {
  ctx.cookies.set(name, null, { path, httpOnly: true, sameSite: "lax", overwrite: true });
}

/**
 * Runs before oidc-provider's resume routes (`<prefix><uid>`), which trust the resume cookie alone.
 * 1. the interaction must exist and not be used up → else `unusable`
 * 2. the browser must hold the interaction's resume cookie → else `other_browser` (nothing spent)
 * 3. `<prompt>_verifier` must be the one the accept or reject answered, unused → spent here
 *    atomically, so of two requests with it only one continues; else `unusable` (nothing spent)
 */
export function resumeGuard(deps: { config: CoreConfig; db: CoreDatabase }, provider: Provider, prefixes: string[]): Middleware {
  const verifiers = new VerifierRepository(deps.db);
  return async (ctx, next) => {
    // oidc-provider's router ignores case and one trailing slash: so does this match.
    const prefix = prefixes.find((candidate) => ctx.path.toLowerCase().startsWith(candidate.toLowerCase()));
    const rest = prefix ? ctx.path.slice(prefix.length).replace(/\/$/, "") : "";
    if (!rest) return next();
    const uid = decodeSegment(rest);
    if (!uid) return refuse(ctx, deps.config, "unusable");

    const stored = await findInteraction(deps.db, uid);
    const kind = stored?.payload.prompt?.name;
    if (!stored || stored.destroyed || (kind !== "login" && kind !== "consent")) return refuse(ctx, deps.config, "unusable");
    const verifier = singleQuery(ctx, verifierParam(kind));
    if (!verifier) return refuse(ctx, deps.config, "unusable");
    if (!isBoundBrowser(ctx, provider.cookieName("resume"), uid)) return refuse(ctx, deps.config, "other_browser");
    if (!(await verifiers.redeem(kind, uid, verifier))) return refuse(ctx, deps.config, "unusable");

    withoutQuery(ctx, verifierParam(kind));
    return next();
  };
}

function decodeSegment(segment: string): string | undefined {
  if (segment.includes("/")) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
