"use server";

import "server-only";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { flowErrorFor } from "@/lib/challenge";
import { challengeParam } from "@/lib/challenge/params";
import { factorStore, hasSecondFactor, verifyCode, verifyPasskey } from "@/lib/factors";
import { confirmTotpEnrolment } from "@/lib/factors/enrol";
import { firstFactorAdded, mayAddFirstFactor, proveFirstFactorCode, sendFirstFactorCode } from "@/lib/factors/first-factor";
import type { FirstFactorError, FirstFactorState } from "@/lib/factors/first-factor-state";
import { authenticationOptions, parseRegistration, registrationOptions, verifyRegistration } from "@/lib/factors/webauthn";
import { identityStore } from "@/lib/identity";
import { countSignIn } from "@/lib/metrics";
import { cancelStepUp, completeFirstFactor, finishStepUp, holdEnrolled, loadStepUp, stepUpPath, type LoginResult, type StepUp } from "./flow";
import { formValues } from "@/lib/forms/values";
import { codeForm, continueForm, enrolForm, proofForm } from "./form";
import { saveCeremony, takeCeremony } from "./pending";
import type { PasskeyRegistered, PasskeyResult, StepUpError, StepUpState } from "./state";
import { currentBrand } from "@/lib/branding";
import { recordActivity } from "@/lib/activity";

// Actions of /login/mfa and of the passkey button on /login. Each one loads the waiting sign-in
// again from what the server holds (the sealed cookie or the authorization server's session):
// nothing in the form decides who is signing in. Redirects go only to the authorization server's
// redirect_to or to Tobira's own paths.

const fail = (error: StepUpError): StepUpState => ({ status: "error", error });

async function ready(challenge: string): Promise<StepUp | StepUpError> {
  const loaded = await loadStepUp(challenge);
  if (loaded.kind === "ready") return loaded.stepUp;
  if (loaded.kind === "redirect") redirect(loaded.to);
  return flowErrorFor(loaded.reason === "missing" || loaded.reason === "malformed" ? "not_found" : loaded.reason);
}

function go(result: LoginResult): StepUpState {
  if (result.ok) redirect(result.redirectTo);
  return fail(flowErrorFor(result.kind));
}

const hasFactor = async (accountId: string) => hasSecondFactor(await factorStore(), accountId);

/** A first factor may be enrolled in this sign-in: the account has none, and the code mailed to
 * its address was typed in this browser for this sign-in (lib/factors/first-factor.ts). */
const mayEnrol = async (stepUp: StepUp) =>
  !(await hasFactor(stepUp.account.id)) && (await mayAddFirstFactor(stepUp.account.id, { signIn: stepUp.request.challenge }));

// Proving the address before a first factor. Success goes back to /login/mfa, which then shows
// the next step (the code form, then the enrolment), with and without JavaScript.

const proofFail = (error: FirstFactorError): FirstFactorState => ({ status: "error", error });

async function proofStep(formData: FormData, step: (stepUp: StepUp, form: { intent: "verify" | "resend"; code: string }) => Promise<FirstFactorError | undefined>) {
  const parsed = proofForm.safeParse(formValues(formData, ["challenge", "intent", "code"]));
  if (!parsed.success) return proofFail("expired");
  const stepUp = await ready(parsed.data.challenge);
  if (typeof stepUp === "string") return proofFail(stepUp === "expired" ? "expired" : "internal");
  if (await hasFactor(stepUp.account.id)) return proofFail("expired");
  let error: FirstFactorError | undefined;
  try {
    error = await step(stepUp, parsed.data);
  } catch (failure) {
    console.error("mfa: proving the address failed", failure);
    error = "internal";
  }
  if (error) return proofFail(error);
  redirect(stepUpPath(stepUp.request.challenge));
}

async function sendCode(stepUp: StepUp): Promise<FirstFactorError | undefined> {
  const sent = await sendFirstFactorCode(stepUp.account, { signIn: stepUp.request.challenge });
  return sent.ok ? undefined : sent.error;
}

/** Mails the code to the account's verified address. */
export async function sendFirstFactorCodeAction(_previous: FirstFactorState, formData: FormData): Promise<FirstFactorState> {
  return proofStep(formData, sendCode);
}

/** The code from the mail (intent=verify), or a new code (intent=resend). */
export async function proveFirstFactorAction(_previous: FirstFactorState, formData: FormData): Promise<FirstFactorState> {
  return proofStep(formData, async (stepUp, form) => {
    if (form.intent === "resend") return sendCode(stepUp);
    if (!form.code.trim()) return "codeRequired";
    const proven = await proveFirstFactorCode(stepUp.account, { signIn: stepUp.request.challenge }, form.code);
    if (proven.ok) return undefined;
    return proven.error === "hasFactor" ? "expired" : proven.error;
  });
}

/** A code from an authenticator app, or a recovery code (lib/factors/verify.ts). */
export async function verifyCodeAction(_previous: StepUpState, formData: FormData): Promise<StepUpState> {
  const parsed = codeForm.safeParse(formValues(formData, ["challenge", "intent", "method", "code"]));
  if (!parsed.success) return fail("expired");
  const form = parsed.data;
  const stepUp = await ready(form.challenge);
  if (typeof stepUp === "string") return fail(stepUp);
  if (form.intent === "cancel") return go(await cancelStepUp(form.challenge, stepUp.requirement));
  if (!form.code.trim()) return fail("codeRequired");

  const checked = await verifyCode(await factorStore(), stepUp.account.id, form.method, form.code);
  if (!checked.ok) return fail(checked.error);
  return go(await finishStepUp(stepUp, [checked.method]));
}

/** Enrolment during sign-in, offered only to someone with no second factor yet who proved their
 * address: the first code from the new authenticator app proves the app; recovery codes are
 * shown before continuing. */
export async function confirmEnrolmentAction(_previous: StepUpState, formData: FormData): Promise<StepUpState> {
  const parsed = enrolForm.safeParse(formValues(formData, ["challenge", "enrolment", "code"]));
  if (!parsed.success) return fail("expired");
  const stepUp = await ready(parsed.data.challenge);
  if (typeof stepUp === "string") return fail(stepUp);
  if (!(await mayEnrol(stepUp))) return fail("enrolmentExpired");
  if (!parsed.data.code.trim()) return fail("codeRequired");

  const t = await getTranslations("Security");
  const confirmed = await confirmTotpEnrolment(stepUp.account.id, parsed.data.enrolment, parsed.data.code, t("defaultAppName"));
  if (!confirmed.ok) return fail(confirmed.error === "expired" ? "enrolmentExpired" : "wrongCode");
  await recordActivity({ subject: stepUp.account.id, kind: "factor_added" });
  await firstFactorAdded(stepUp.account, "totp");
  await holdEnrolled(stepUp, [{ kind: "totp" }]);
  return { status: "enrolled", codes: confirmed.codes };
}

/** After the recovery codes were shown: the sign-in goes on with the factor just added. */
export async function continueAfterEnrolmentAction(_previous: StepUpState, formData: FormData): Promise<StepUpState> {
  const parsed = continueForm.safeParse(formValues(formData, ["challenge"]));
  if (!parsed.success) return fail("expired");
  const stepUp = await ready(parsed.data.challenge);
  if (typeof stepUp === "string") return fail(stepUp);
  if (!stepUp.second?.length) return fail("expired");
  return go(await finishStepUp(stepUp, stepUp.second));
}

// Passkeys. The browser part (navigator.credentials) runs in client components, which call these
// actions for the options and then hand back the authenticator's answer.

type Options = Awaited<ReturnType<typeof authenticationOptions>>;
type CreationOptions = Awaited<ReturnType<typeof registrationOptions>>;

/** A passkey as the second factor: only the account's own passkeys are offered. */
export async function stepUpPasskeyOptions(challenge: string): Promise<PasskeyResult<Options>> {
  if (!challengeParam.safeParse(challenge).success) return { ok: false, error: "expired" };
  const stepUp = await ready(challenge);
  if (typeof stepUp === "string") return { ok: false, error: stepUp };
  const passkeys = await (await factorStore()).passkeys.list(stepUp.account.id);
  if (passkeys.length === 0) return { ok: false, error: "passkeyFailed" };
  const options = await authenticationOptions(passkeys);
  await saveCeremony("step-up", challenge, options.challenge);
  return { ok: true, value: options };
}

export async function stepUpPasskeyVerify(challenge: string, response: unknown): Promise<PasskeyResult<string>> {
  if (!challengeParam.safeParse(challenge).success) return { ok: false, error: "expired" };
  const expected = await takeCeremony("step-up", challenge);
  const stepUp = await ready(challenge);
  if (typeof stepUp === "string") return { ok: false, error: stepUp };
  const checked = await verifyPasskey(await factorStore(), { response, expected, accountId: stepUp.account.id });
  if (!checked.ok) return { ok: false, error: checked.error };
  const result = await finishStepUp(stepUp, [checked.method]);
  return result.ok ? { ok: true, value: result.redirectTo } : { ok: false, error: flowErrorFor(result.kind) };
}

/** A new passkey during sign-in, for someone with no second factor yet. */
export async function enrolPasskeyOptions(challenge: string): Promise<PasskeyResult<CreationOptions>> {
  if (!challengeParam.safeParse(challenge).success) return { ok: false, error: "expired" };
  const stepUp = await ready(challenge);
  if (typeof stepUp === "string") return { ok: false, error: stepUp };
  if (!(await mayEnrol(stepUp))) return { ok: false, error: "enrolmentExpired" };
  const brand = await currentBrand();
  const { account } = stepUp;
  const options = await registrationOptions({
    rpName: brand.name,
    accountId: account.id,
    userName: account.userName,
    displayName: account.displayName ?? account.userName,
    existing: [],
  });
  await saveCeremony("enrol", challenge, options.challenge);
  return { ok: true, value: options };
}

export async function enrolPasskeyVerify(challenge: string, response: unknown): Promise<PasskeyResult<PasskeyRegistered>> {
  if (!challengeParam.safeParse(challenge).success) return { ok: false, error: "expired" };
  const expected = await takeCeremony("enrol", challenge);
  const registration = parseRegistration(response);
  const stepUp = await ready(challenge);
  if (typeof stepUp === "string") return { ok: false, error: stepUp };
  if (!expected || !registration) return { ok: false, error: "passkeyFailed" };
  if (!(await mayEnrol(stepUp))) return { ok: false, error: "enrolmentExpired" };
  const created = await verifyRegistration(registration, expected);
  if (!created) return { ok: false, error: "passkeyFailed" };
  const factors = await factorStore();
  const t = await getTranslations("Passkeys");
  const codes = await factors.enrol(stepUp.account.id, { kind: "passkey", passkey: { ...created, name: t("defaultName") } });
  await recordActivity({ subject: stepUp.account.id, kind: "factor_added" });
  await firstFactorAdded(stepUp.account, "passkey");
  await holdEnrolled(stepUp, [{ kind: "passkey", deviceBound: !created.backedUp }]);
  return { ok: true, value: { codes } };
}

/** Sign-in with a passkey alone (discoverable credential, no username or password): the
 * browser offers the passkeys it has for this site; the one chosen names the account. */
export async function passkeyLoginOptions(challenge: string): Promise<PasskeyResult<Options>> {
  if (!challengeParam.safeParse(challenge).success) return { ok: false, error: "expired" };
  const options = await authenticationOptions();
  await saveCeremony("login", challenge, options.challenge);
  return { ok: true, value: options };
}

export async function passkeyLoginVerify(challenge: string, response: unknown): Promise<PasskeyResult<string>> {
  if (!challengeParam.safeParse(challenge).success) return { ok: false, error: "expired" };
  const expected = await takeCeremony("login", challenge);
  const checked = await verifyPasskey(await factorStore(), { response, expected });
  if (!checked.ok) {
    if (checked.error !== "internal") countSignIn({ ok: false, reason: "passkey_failed" });
    return { ok: false, error: checked.error };
  }
  const account = await (await identityStore()).accounts.findById(checked.accountId);
  if (!account?.active) {
    countSignIn({ ok: false, reason: "account_disabled" });
    return { ok: false, error: "passkeyFailed" };
  }
  const result = await completeFirstFactor({ challenge, account, methods: [checked.method], remember: false });
  return result.ok ? { ok: true, value: result.redirectTo } : { ok: false, error: flowErrorFor(result.kind) };
}
