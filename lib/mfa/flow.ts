import "server-only";
import {
  acrNames,
  acrToReport,
  amrOf,
  levelOf,
  methodsOfAmr,
  requirementForLogin,
  type Method,
  type Reason,
  type Requirement,
} from "@/lib/assurance";
import { recordActivity } from "@/lib/activity";
import { attempt, challenges, type ChallengeErrorKind, type LoginRequest, type ProblemReason } from "@/lib/challenge";
import { currentLoginRequest } from "@/lib/challenge/current";
import { factorStore } from "@/lib/factors";
import { identityStore, type Account } from "@/lib/identity";
import { countSignIn } from "@/lib/metrics";
import { clearPending, readPending, savePending, type Pending } from "./pending";
import { rememberLoginSession } from "./sessions";

// Finishing a sign-in at the assurance level it needs (DESIGN.md "LoA 2 / LoA 3"). Every path that
// authenticates someone — password, passkey, a remembered session — ends here, so that the level
// is decided in one place and acr / amr are always what really happened:
// 1. the level needed comes from lib/assurance (acr_values, claims, scopes, client, network);
// 2. enough → accept with the acr for the level reached and the amr of the methods used;
// 3. not enough → the second factor at /login/mfa, remembering the first factor meanwhile (a
//    sealed cookie, or the authorization server's own session when it already authenticated);
// 4. an essential acr that cannot be met → reject with unmet_authentication_requirements
//    (OIDC Core 3.1.2.6); it is never reported as met.

const REMEMBER_FOR_SECONDS = 30 * 24 * 60 * 60;

/** Where the browser goes next, or why the authorization server could not be told. */
export type LoginResult = { ok: true; redirectTo: string } | { ok: false; kind: ChallengeErrorKind };

type Satisfiable = Extract<Requirement, { satisfiable: true }>;

export const stepUpPath = (challenge: string) => `/login/mfa?${new URLSearchParams({ login_challenge: challenge })}`;
export const loginPath = (challenge: string) => `/login?${new URLSearchParams({ login_challenge: challenge })}`;

async function reject(challenge: string, error: "access_denied" | "unmet_authentication_requirements", description: string): Promise<LoginResult> {
  const rejected = await attempt("login: reject", () => challenges().rejectLogin(challenge, { error, errorDescription: description }));
  return rejected.ok ? { ok: true, redirectTo: rejected.value.redirectTo } : { ok: false, kind: rejected.kind };
}

const unmet = (challenge: string) =>
  reject(challenge, "unmet_authentication_requirements", "The requested authentication context cannot be met.");

/** Accepts the login with what was proven. Only called when the level is enough. `fresh`: the
 * person authenticated just now (recorded as a sign-in in their security activity). */
async function accept(
  request: LoginRequest,
  subject: string,
  methods: Method[],
  requirement: Satisfiable,
  remember: boolean,
  fresh = true,
): Promise<LoginResult> {
  const level = levelOf(methods);
  const acr = level === undefined ? undefined : acrToReport(level, requirement, acrNames());
  if (!acr || level === undefined || level < requirement.level) return unmet(request.challenge);
  const amr = amrOf(methods);
  const accepted = await attempt("login: accept", () =>
    challenges().acceptLogin(
      request.challenge,
      // With skip the authorization server keeps its session as it is (Hydra: remember is ignored).
      // Without "keep me signed in" the session still lasts for this browser session (Hydra:
      // remember with remember_for 0 is a session cookie), so the person's other apps sign in
      // without the password until the browser closes. remember=false would also trip Hydra v2.3:
      // it then deletes the session the browser's cookie names, and fails when "sign out
      // everywhere" already deleted it.
      request.skip ? { subject, acr, amr } : { subject, remember: true, rememberFor: remember ? REMEMBER_FOR_SECONDS : 0, acr, amr },
    ),
  );
  if (!accepted.ok) return { ok: false, kind: accepted.kind };
  await rememberLoginSession(request.sessionId, subject, acr, amr);
  if (fresh) {
    countSignIn({ ok: true });
    await recordActivity({ kind: "sign_in", subject, clientId: request.client.id, clientName: request.client.name });
  }
  return { ok: true, redirectTo: accepted.value.redirectTo };
}

/** After a first factor (a password, or a passkey on its own): accept, or go on to the second. */
export async function completeFirstFactor(input: {
  challenge: string;
  /** The request, when the caller has just read it for this challenge. */
  request?: LoginRequest;
  account: Account;
  methods: Method[];
  remember: boolean;
}): Promise<LoginResult> {
  const loaded = input.request
    ? { ok: true as const, value: input.request }
    : await attempt("login: get request", () => currentLoginRequest(input.challenge));
  if (!loaded.ok) return { ok: false, kind: loaded.kind };
  const request = loaded.value;
  // OIDC Core 3.1.2.1 id_token_hint: the app asked for a particular person (the password form
  // says so itself; a passkey names its account only now).
  const hinted = request.oidcContext.idTokenHintClaims?.sub;
  if (typeof hinted === "string" && hinted !== input.account.id) return { ok: false, kind: "bad_request" };
  const requirement = await requirementForLogin(request);
  if (!requirement.satisfiable) return unmet(request.challenge);
  if ((levelOf(input.methods) ?? 0) >= requirement.level) {
    return accept(request, input.account.id, input.methods, requirement, input.remember);
  }
  await savePending({ challenge: request.challenge, subject: input.account.id, first: input.methods, remember: input.remember });
  return { ok: true, redirectTo: stepUpPath(request.challenge) };
}

/**
 * Who the authorization server's session already authenticated, and how (learned at consent,
 * lib/mfa/sessions.ts). With skip=true Hydra vouches for the subject. Without skip the session is
 * used only for an essential acr the session does not meet (oidc-provider then asks for a login
 * although a person is signed in), never when the client asked for a new login (prompt=login,
 * max_age).
 */
export async function priorSession(request: LoginRequest): Promise<{ subject: string; methods?: Method[] } | undefined> {
  const record = request.sessionId ? await (await factorStore()).sessions.find(request.sessionId) : undefined;
  if (request.skip) {
    const methods = record?.subject === request.subject ? methodsOfAmr(record.amr) : undefined;
    return { subject: request.subject, methods: methods?.length ? methods : undefined };
  }
  if (!record || !URL.canParse(request.requestUrl)) return undefined;
  const params = new URL(request.requestUrl).searchParams;
  const freshLoginAsked = (params.get("prompt") ?? "").split(" ").includes("login") || params.has("max_age");
  const requirement = await requirementForLogin(request);
  if (freshLoginAsked || !requirement.satisfiable || !requirement.essential) return undefined;
  const methods = methodsOfAmr(record.amr);
  return methods.length ? { subject: record.subject, methods } : undefined;
}

export type SessionStep = { kind: "redirect"; to: string } | { kind: "form" } | { kind: "problem"; reason: ProblemReason };

/** GET /login before any form: a request that can never be met is refused at once; with a
 * session the authorization server already has, accept at the level it has, step up to the second
 * factor, or (the session's first factor unknown) ask for the password. */
export async function resumeSession(request: LoginRequest): Promise<SessionStep> {
  const toStep = (result: LoginResult): SessionStep =>
    result.ok ? { kind: "redirect", to: result.redirectTo } : { kind: "problem", reason: result.kind };
  const requirement = await requirementForLogin(request);
  if (!requirement.satisfiable) return toStep(await unmet(request.challenge));

  const prior = await priorSession(request);
  if (!prior) return { kind: "form" };
  const account = await (await identityStore()).accounts.findById(prior.subject);
  if (!account?.active) return toStep(await reject(request.challenge, "access_denied", "The account cannot sign in."));
  const level = prior.methods ? levelOf(prior.methods) : undefined;
  if (prior.methods && level !== undefined && level >= requirement.level) {
    return toStep(await accept(request, account.id, prior.methods, requirement, false, false));
  }
  if (!prior.methods && request.skip && requirement.level === 2 && !requirement.essential) {
    // How this older session was authenticated is unknown: the authorization server keeps the
    // acr / amr it recorded then, Tobira claims nothing new.
    const accepted = await attempt("login: skip", () => challenges().acceptLogin(request.challenge, { subject: account.id }));
    return accepted.ok ? { kind: "redirect", to: accepted.value.redirectTo } : { kind: "problem", reason: accepted.kind };
  }
  return prior.methods ? { kind: "redirect", to: stepUpPath(request.challenge) } : { kind: "form" };
}

export interface StepUp {
  request: LoginRequest;
  account: Account;
  requirement: Satisfiable;
  first: Method[];
  remember: boolean;
  /** A factor enrolled during this sign-in, already proven. */
  second?: Method[];
}

export type StepUpLoad =
  | { kind: "ready"; stepUp: StepUp }
  | { kind: "redirect"; to: string }
  | { kind: "problem"; reason: ProblemReason };

/** The sign-in waiting at /login/mfa: from the pending cookie, or the authorization server's
 * session. Anything else goes back to /login. */
export async function loadStepUp(challenge: string): Promise<StepUpLoad> {
  const loaded = await attempt("login: get request", () => currentLoginRequest(challenge));
  if (!loaded.ok) return { kind: "problem", reason: loaded.kind };
  const request = loaded.value;

  const pending: Pending | undefined = await readPending(challenge);
  const prior = pending ? undefined : await priorSession(request);
  const subject = pending?.subject ?? prior?.subject;
  const first = pending?.first ?? prior?.methods;
  if (!subject || !first) return { kind: "redirect", to: loginPath(challenge) };

  const account = await (await identityStore()).accounts.findById(subject);
  if (!account?.active) {
    const rejected = await reject(challenge, "access_denied", "The account cannot sign in.");
    return rejected.ok ? { kind: "redirect", to: rejected.redirectTo } : { kind: "problem", reason: rejected.kind };
  }
  const requirement = await requirementForLogin(request);
  if (!requirement.satisfiable) {
    const rejected = await unmet(challenge);
    return rejected.ok ? { kind: "redirect", to: rejected.redirectTo } : { kind: "problem", reason: rejected.kind };
  }
  return { kind: "ready", stepUp: { request, account, requirement, first, remember: pending?.remember ?? false, second: pending?.second } };
}

/** Accepts the sign-in with the second factor just proven. */
export async function finishStepUp(stepUp: StepUp, second: Method[]): Promise<LoginResult> {
  const result = await accept(stepUp.request, stepUp.account.id, [...stepUp.first, ...second], stepUp.requirement, stepUp.remember);
  if (result.ok) await clearPending();
  return result;
}

/** Remembers a factor enrolled during the sign-in until the person has seen their recovery codes. */
export async function holdEnrolled(stepUp: StepUp, second: Method[]): Promise<void> {
  await savePending({ challenge: stepUp.request.challenge, subject: stepUp.account.id, first: stepUp.first, remember: stepUp.remember, second });
}

/** The person gave up on the second factor: the client hears why (OIDC Core 3.1.2.6). */
export async function cancelStepUp(challenge: string, requirement?: Satisfiable): Promise<LoginResult> {
  await clearPending();
  return requirement?.essential
    ? unmet(challenge)
    : reject(challenge, "access_denied", "The person did not complete the second factor.");
}

export type { Reason };
