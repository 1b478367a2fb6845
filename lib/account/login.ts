import "server-only";
import * as oidc from "openid-client";
import { attempt, type ProblemReason } from "@/lib/challenge";
import { env } from "@/lib/config/env";
import { safeReturnPath } from "@/lib/security/return-path";
import { ACCOUNT_CLIENT_ID, accountClient, CALLBACK_PATH, SIGNED_OUT_PATH } from "./oidc-client";
import type { AccountFlow, AccountSession } from "./session-data";

// Signing in to the account area: authorization code + PKCE against the authorization server,
// exactly like any app. `reauth` forces the password again (OIDC Core 3.1.2.1 prompt=login).

export type BeginResult = { ok: true; url: string; flow: AccountFlow } | { ok: false; reason: ProblemReason };

export async function beginAccountLogin(options: { returnTo: unknown; reauth: boolean; locale: string }): Promise<BeginResult> {
  const configured = await attempt("account: discovery", () => accountClient());
  if (!configured.ok) return { ok: false, reason: configured.kind };
  const flow: AccountFlow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    // Only paths inside the account area: never an open redirect through `return`.
    returnTo: safeReturnPath(options.returnTo, "/account") ?? "/account",
  };
  const url = oidc.buildAuthorizationUrl(configured.value, {
    redirect_uri: callbackUrl(),
    scope: "openid profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
    ui_locales: options.locale,
    ...(options.reauth ? { prompt: "login" } : {}),
  });
  return { ok: true, url: url.href, flow };
}

export type CompleteResult =
  | { ok: true; session: AccountSession; returnTo: string }
  | { ok: false; error: "access_denied" | "invalid_request" | "server_error" };

/** Finishes the sign-in at /account/callback. `search` is the callback's query string. */
export async function completeAccountLogin(search: string, flow: AccountFlow | undefined): Promise<CompleteResult> {
  if (!flow) return { ok: false, error: "invalid_request" };
  const configured = await attempt("account: discovery", () => accountClient());
  if (!configured.ok) return { ok: false, error: "server_error" };
  try {
    const tokens = await oidc.authorizationCodeGrant(configured.value, new URL(`${CALLBACK_PATH}${search}`, publicBase()), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) return { ok: false, error: "server_error" };
    const name = [claims.name, claims.preferred_username].find((value): value is string => typeof value === "string" && value !== "");
    return {
      ok: true,
      session: {
        sub: claims.sub,
        ...(name ? { name } : {}),
        authTime: typeof claims.auth_time === "number" ? claims.auth_time : Math.floor(Date.now() / 1000),
        idToken: tokens.id_token,
        since: Date.now(),
      },
      returnTo: flow.returnTo,
    };
  } catch (error) {
    // The person cancelled at the login or consent screen: an answer, not a failure.
    if (error instanceof oidc.AuthorizationResponseError && error.error === "access_denied") return { ok: false, error: "access_denied" };
    console.error("[tobira] account: sign-in did not complete:", error instanceof Error ? `${error.name}: ${error.message}` : error);
    return { ok: false, error: error instanceof oidc.AuthorizationResponseError ? "invalid_request" : "server_error" };
  }
}

/** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2) for the account area itself. */
export async function accountLogoutUrl(session: AccountSession | undefined): Promise<string> {
  const configured = await attempt("account: discovery", () => accountClient());
  if (!configured.ok || !session) return SIGNED_OUT_PATH;
  return oidc.buildEndSessionUrl(configured.value, {
    id_token_hint: session.idToken,
    client_id: ACCOUNT_CLIENT_ID,
    post_logout_redirect_uri: `${publicBase()}${SIGNED_OUT_PATH}`,
  }).href;
}

function publicBase(): string {
  return env().TOBIRA_PUBLIC_URL.replace(/\/+$/, "");
}

function callbackUrl(): string {
  return `${publicBase()}${CALLBACK_PATH}`;
}
