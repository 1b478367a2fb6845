import "server-only";
import crypto from "node:crypto";
import { secretsOf } from "@/common/key-ring";
import { bearerToken, secretsEqual } from "@/common/secret-equal";
import { env, secretRing } from "@/lib/config/env";
import { identityStore } from "@/lib/identity";
import type { LimitRule } from "@/lib/identity/limits";

// Access to the operator preview (/preview). The admin token is typed once into a form (or sent
// as a bearer header by a script) and never appears in a URL; the browser then holds an HttpOnly
// cookie with an HMAC derived from TOBIRA_SECRET and the token, not the token itself, so rotating
// the token ends every preview session. A cookie made with a secret of TOBIRA_SECRET_PREVIOUS is
// still accepted (README "Rotating the secret").
//
// 1. Every presented admin token, from the form or a bearer header, is an attempt counted per
//    client address (lib/identity/limits.ts, lib/security/client-address.ts) before it is
//    compared: of a burst of guesses, those past the free ones are refused without a comparison.
// 2. Tokens and cookies are compared in time that tells nothing about them (common/secret-equal.ts).
// 3. The cookie is not counted: it is an HMAC under TOBIRA_SECRET, nothing a guess can find.

export const PREVIEW_COOKIE = "tobira_preview";
export const PREVIEW_PATH = "/preview";

/** Five guesses free an address, then 60 s doubling up to an hour; forgotten after an hour. A
 * right token gives its attempt back (an operator's scripts do not lock themselves out). */
export const PREVIEW_LIMIT: LimitRule = { free: 5, baseDelay: 60, maxDelay: 60 * 60, forgetAfter: 60 * 60, clearOnSuccess: false };

const cookieValueFor = (secret: string) => crypto.createHmac("sha256", secret).update(`tobira-preview:${env().TOBIRA_ADMIN_TOKEN}`).digest("base64url");

export function previewCookieValue(): string {
  return cookieValueFor(secretRing().current);
}

export type TokenCheck = { kind: "accepted" } | { kind: "refused" } | { kind: "throttled"; retryAt: Date } | { kind: "unavailable" };

const limited = (address: string) => [{ kind: "preview-token", value: address, rule: PREVIEW_LIMIT }];

/** Checks a presented admin token, counting the attempt for `address` first. */
export async function checkAdminToken(candidate: string, address: string): Promise<TokenCheck> {
  try {
    const { limits } = await identityStore();
    const reserved = await limits.reserve(limited(address));
    if (!reserved.ok) return { kind: "throttled", retryAt: reserved.state.locked ? reserved.state.retryAt : new Date() };
    const accepted = secretsEqual(candidate, env().TOBIRA_ADMIN_TOKEN);
    const after = await reserved.settle(accepted);
    if (accepted) return { kind: "accepted" };
    return after.locked ? { kind: "throttled", retryAt: after.retryAt } : { kind: "refused" };
  } catch (error) {
    console.error("preview: the attempt could not be counted", error);
    return { kind: "unavailable" };
  }
}

/** What a request to /preview may see: the preview, or its sign-in form in one of these states. */
export type PreviewAccess =
  | { kind: "allowed" }
  | { kind: "signIn" }
  | { kind: "refused" }
  | { kind: "throttled"; retryAt: Date }
  | { kind: "unavailable" };

/** The preview cookie, else a bearer header (counted), else the sign-in form, which says when the
 * address is locked (counting nothing). */
export async function previewAccess({ cookie, authorization, address }: { cookie?: string; authorization?: string | null; address: string }): Promise<PreviewAccess> {
  if (cookie && secretsOf(secretRing()).some((secret) => secretsEqual(cookie, cookieValueFor(secret)))) return { kind: "allowed" };
  const bearer = bearerToken(authorization);
  if (bearer !== undefined) {
    const checked = await checkAdminToken(bearer, address);
    return checked.kind === "accepted" ? { kind: "allowed" } : checked;
  }
  try {
    const state = await (await identityStore()).limits.check(limited(address));
    return state.locked ? { kind: "throttled", retryAt: state.retryAt } : { kind: "signIn" };
  } catch (error) {
    console.error("preview: the limit could not be read", error);
    return { kind: "unavailable" };
  }
}

// proxy.ts decides once per request and hands the answer to the page in a header of its own.
export const PREVIEW_ACCESS_HEADER = "x-tobira-preview";

export function encodeAccess(access: PreviewAccess): string {
  return access.kind === "throttled" ? `throttled ${access.retryAt.toISOString()}` : access.kind;
}

export function decodeAccess(value: string | null): PreviewAccess {
  const [kind, at] = (value ?? "").split(" ");
  if (kind === "allowed" || kind === "refused" || kind === "unavailable") return { kind };
  if (kind === "throttled" && at && !Number.isNaN(Date.parse(at))) return { kind, retryAt: new Date(at) };
  return { kind: "signIn" };
}
