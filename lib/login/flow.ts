import "server-only";
import { attempt, challenges, flowErrorFor, type ProblemReason } from "@/lib/challenge";
import { identityStore } from "@/lib/identity";
import { completeFirstFactor, resumeSession } from "@/lib/mfa/flow";
import type { LoginForm } from "./form";
import type { LoginState } from "./state";

export interface LoginView {
  challenge: string;
  clientName: string;
  loginHint: string;
}

export type LoginStep =
  | { kind: "redirect"; to: string }
  | { kind: "form"; view: LoginView }
  | { kind: "problem"; reason: ProblemReason };

export type LoginOutcome = { ok: true; redirectTo: string } | { ok: false; state: LoginState };

/** Decides what GET /login shows. */
export async function beginLogin(challenge: string): Promise<LoginStep> {
  const loaded = await attempt("login: get request", () => challenges().getLoginRequest(challenge));
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
      loginHint: request.oidcContext.loginHint ?? "",
    },
  };
}

/** Handles a posted login form: verifies the password and accepts, or cancels. */
export async function submitLogin(form: LoginForm): Promise<LoginOutcome> {
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

  const store = await identityStore();
  const verified = await store.accounts.verifyPassword(form.identifier, form.password);
  if (!verified.ok) {
    const error = verified.error === "disabled" ? "accountDisabled" : "invalidCredentials";
    return { ok: false, state: { status: "error", error, ...keep } };
  }

  // The password is level 2; lib/mfa accepts, asks for a second factor, or refuses, and reports
  // acr and amr truthfully (CONSENT.md §3).
  const completed = await completeFirstFactor({
    challenge: form.challenge,
    account: verified.account,
    methods: [{ kind: "password" }],
    remember: form.remember,
  });
  return completed.ok
    ? { ok: true, redirectTo: completed.redirectTo }
    : { ok: false, state: { status: "error", error: flowErrorFor(completed.kind), ...keep } };
}
