import "server-only";
import { currentLoginRequest } from "@/lib/challenge/current";
import { attempt, challenges, flowErrorFor, type Client, type ProblemReason } from "@/lib/challenge";
import { env } from "@/lib/config/env";
import { storeAnswers } from "@/lib/health/readiness";
import { identityStore, normalizeUserName } from "@/lib/identity";
import { countSignIn, type SignInFailure } from "@/lib/metrics";
import { completeFirstFactor, resumeSession } from "@/lib/mfa/flow";
import type { LoginForm } from "./form";
import type { LoginState } from "./state";

export interface LoginView {
  challenge: string;
  clientName: string;
  /** The client, for its name in the page's language (client_name#<locale>). */
  client: Client;
  loginHint: string;
  registrationOpen: boolean;
}

export type LoginStep =
  | { kind: "redirect"; to: string }
  | { kind: "form"; view: LoginView }
  | { kind: "problem"; reason: ProblemReason };

export type LoginOutcome = { ok: true; redirectTo: string } | { ok: false; state: LoginState };

/** Decides what GET /login shows. */
export async function beginLogin(challenge: string): Promise<LoginStep> {
  const loaded = await attempt("login: get request", () => currentLoginRequest(challenge));
  if (!loaded.ok) return { kind: "problem", reason: loaded.kind };
  const request = loaded.value;

  // skip=true: the authorization server already has an authenticated session for this subject
  // and decided no new login is needed. Accepting on GET is the authorization server's decision,
  // not a state change by this page (Ory's reference login app does the same). A session whose
  // account has since been disabled or deleted does not get through; one below the assurance
  // level this request needs goes on to the second factor only (lib/mfa).
  const resumed = await resumeSession(request);
  if (resumed.kind !== "form") return resumed;

  return {
    kind: "form",
    view: {
      challenge,
      clientName: request.client.name,
      client: request.client,
      loginHint: request.oidcContext.loginHint ?? "",
      registrationOpen: env().TOBIRA_REGISTRATION === "on",
    },
  };
}

/** Handles a posted login form: verifies the password and accepts, or cancels.
 *
 * 1. a throttled account name or client address is refused before any password is checked, with
 *    the time of the next allowed attempt (the same for names that do not exist);
 * 2. an unknown name and a wrong password get the same message after the same work (a hash);
 * 3. OIDC Core 3.1.2.1 id_token_hint: the app asked for a particular person; anyone else is
 *    refused here rather than signed in as someone the app did not expect. */
export async function submitLogin(form: LoginForm, clientAddress: string): Promise<LoginOutcome> {
  const keep = { identifier: form.identifier, remember: form.remember };

  if (form.intent === "cancel") {
    const rejected = await attempt("login: cancel", () =>
      challenges().rejectLogin(form.challenge, { error: "access_denied", errorDescription: "The person cancelled the sign-in." }),
    );
    return rejected.ok
      ? { ok: true, redirectTo: rejected.value.redirectTo }
      : { ok: false, state: { status: "error", error: flowErrorFor(rejected.kind), ...keep } };
  }

  if (!form.identifier) return { ok: false, state: { status: "error", error: "identifierRequired", field: "identifier", ...keep } };
  if (!form.password) return { ok: false, state: { status: "error", error: "passwordRequired", field: "password", ...keep } };
  try {
    return await signIn(form, clientAddress);
  } catch (error) {
    // The identity store failed (the admin API's failures are results already): the translated
    // "try again", never a 500; "unavailable" when the store is down.
    console.error("[tobira] login: the identity store failed:", error instanceof Error ? error.message : error);
    return { ok: false, state: { status: "error", error: (await storeAnswers()) ? "internal" : "unavailable", ...keep } };
  }
}

async function signIn(form: LoginForm, clientAddress: string): Promise<LoginOutcome> {
  const keep = { identifier: form.identifier, remember: form.remember };
  // A success is counted where the login is accepted (lib/mfa/flow.ts), after any second factor.
  const failed = (reason: SignInFailure, state: LoginState): LoginOutcome => {
    countSignIn({ ok: false, reason });
    return { ok: false, state };
  };
  const store = await identityStore();
  const subject = { account: normalizeUserName(form.identifier), address: clientAddress };
  // Counted before the password is checked: a burst of parallel guesses cannot pass a check
  // that the others' failures should have closed (lib/identity/limits.ts).
  const reserved = await store.throttle.reserve(subject);
  if (!reserved.ok) {
    const retryAt = reserved.state.locked ? reserved.state.retryAt.toISOString() : new Date().toISOString();
    return failed("throttled", { status: "error", error: "throttled", retryAt, ...keep });
  }

  const verified = await store.accounts.verifyPassword(form.identifier, form.password);
  const after = await reserved.settle(verified.ok);
  if (!verified.ok) {
    if (verified.error === "disabled") return failed("account_disabled", { status: "error", error: "accountDisabled", ...keep });
    return after.locked
      ? failed("throttled", { status: "error", error: "throttled", retryAt: after.retryAt.toISOString(), ...keep })
      : failed("invalid_credentials", { status: "error", error: "invalidCredentials", ...keep });
  }

  const loaded = await attempt("login: get request", () => currentLoginRequest(form.challenge));
  if (!loaded.ok) return { ok: false, state: { status: "error", error: flowErrorFor(loaded.kind), ...keep } };
  const hinted = loaded.value.oidcContext.idTokenHintClaims?.sub;
  if (typeof hinted === "string" && hinted !== verified.account.id) {
    return failed("wrong_account", { status: "error", error: "wrongAccount", ...keep });
  }

  // The password is level 2; lib/mfa accepts, asks for a second factor, or refuses, and reports
  // acr and amr truthfully (CONSENT.md §3).
  const completed = await completeFirstFactor({
    challenge: form.challenge,
    request: loaded.value,
    account: verified.account,
    methods: [{ kind: "password" }],
    remember: form.remember,
  });
  return completed.ok
    ? { ok: true, redirectTo: completed.redirectTo }
    : { ok: false, state: { status: "error", error: flowErrorFor(completed.kind), ...keep } };
}
