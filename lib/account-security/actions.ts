"use server";

import "server-only";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { Method } from "@/lib/assurance";
import { factorStore, factorThrottleKey } from "@/lib/factors";
import { confirmTotpEnrolment } from "@/lib/factors/enrol";
import { authenticationOptions, parseAuthentication, parseRegistration, registrationOptions, verifyAuthentication, verifyRegistration } from "@/lib/factors/webauthn";
import { identityStore } from "@/lib/identity";
import { normalizeUserName } from "@/lib/identity/accounts";
import { formValues } from "@/lib/mfa/form";
import { saveCeremony, takeCeremony } from "@/lib/mfa/pending";
import type { PasskeyRegistered, PasskeyResult } from "@/lib/mfa/state";
import { confirm, currentConfirmation, endConfirmation, halfwayAccount, holdHalfway } from "./confirmation";
import { addTotpForm, codeForm, factorRef, passwordForm, renameForm } from "./form";
import { checkLastFactorRemoval } from "./guard";
import type { Notice, SecurityError, SecurityState } from "./state";

// Actions of /account/security. Confirming identity: password, then the second factor if the
// account has one (or a passkey alone). Managing factors: only with a fresh confirmation, read
// from the sealed cookie — never from the form.

const PAGE = "/account/security";
const fail = (error: SecurityError): SecurityState => ({ status: "error", error });
const done = (notice: Notice): never => redirect(`${PAGE}?${new URLSearchParams({ notice })}`);

async function hasFactor(accountId: string) {
  const summary = await (await factorStore()).summary(accountId);
  return summary.totp.length + summary.passkeys.length > 0;
}

export async function confirmPasswordAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const form = passwordForm.parse(formValues(formData, ["identifier", "password"]));
  if (!form.identifier) return fail("identifierRequired");
  if (!form.password) return fail("passwordRequired");
  const factors = await factorStore();
  // Password guesses here count per user name, like second-factor guesses per account.
  const key = `security-password:${normalizeUserName(form.identifier)}`;
  if ((await factors.throttle.check(key)).locked) return fail("locked");
  const verified = await (await identityStore()).accounts.verifyPassword(form.identifier, form.password);
  if (!verified.ok) return fail((await factors.throttle.fail(key)) ? "locked" : "invalidCredentials");
  await factors.throttle.reset(key);
  if (await hasFactor(verified.account.id)) await holdHalfway(verified.account.id);
  else await confirm(verified.account.id, [{ kind: "password" }]);
  redirect(PAGE);
}

export async function confirmCodeAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const form = codeForm.parse(formValues(formData, ["intent", "method", "code"]));
  if (form.intent === "cancel") {
    await endConfirmation();
    redirect(PAGE);
  }
  const account = await halfwayAccount();
  if (!account) return fail("expired");
  if (!form.code.trim()) return fail("codeRequired");
  const factors = await factorStore();
  const key = factorThrottleKey(account.id);
  if ((await factors.throttle.check(key)).locked) return fail("locked");
  const valid = form.method === "recovery" ? await factors.recovery.use(account.id, form.code) : await factors.totp.verify(account.id, form.code);
  if (!valid) return fail((await factors.throttle.fail(key)) ? "locked" : "wrongCode");
  await factors.throttle.reset(key);
  await confirm(account.id, [{ kind: "password" }, { kind: form.method }]);
  redirect(PAGE);
}

type Options = Awaited<ReturnType<typeof authenticationOptions>>;

/** A passkey confirms on its own, or as the second step after the password. */
export async function confirmPasskeyOptions(): Promise<PasskeyResult<Options>> {
  const account = await halfwayAccount();
  const options = await authenticationOptions(account ? await (await factorStore()).passkeys.list(account.id) : []);
  await saveCeremony("security-confirm", account?.id ?? "", options.challenge);
  return { ok: true, value: options };
}

export async function confirmPasskeyVerify(response: unknown): Promise<PasskeyResult<string>> {
  const account = await halfwayAccount();
  const expected = await takeCeremony("security-confirm", account?.id ?? "");
  const assertion = parseAuthentication(response);
  if (!expected || !assertion) return { ok: false, error: "passkeyFailed" };
  const factors = await factorStore();
  const passkey = await factors.passkeys.find(assertion.id);
  if (!passkey || (account && passkey.accountId !== account.id)) return { ok: false, error: "passkeyFailed" };
  const owner = await (await identityStore()).accounts.findById(passkey.accountId);
  const verified = owner?.active ? await verifyAuthentication(assertion, expected, passkey) : undefined;
  if (!verified) return { ok: false, error: "passkeyFailed" };
  await factors.passkeys.used(passkey.id, verified.counter, verified.backedUp);
  const method: Method = { kind: "passkey", deviceBound: !verified.backedUp };
  await confirm(passkey.accountId, account ? [{ kind: "password" }, method] : [method]);
  return { ok: true, value: PAGE };
}

export async function endConfirmationAction(): Promise<void> {
  await endConfirmation();
  redirect(PAGE);
}

/** Adds an authenticator app; the first factor of an account comes with recovery codes. */
export async function addTotpAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const confirmation = await currentConfirmation();
  if (!confirmation) return fail("expired");
  const form = addTotpForm.parse(formValues(formData, ["enrolment", "name", "code"]));
  if (!form.name) return fail("nameRequired");
  if (!form.code.trim()) return fail("codeRequired");
  const { account } = confirmation;
  const hadFactor = await hasFactor(account.id);
  const confirmed = await confirmTotpEnrolment(account.id, form.enrolment, form.code, form.name);
  if (!confirmed.ok) return fail(confirmed.error === "expired" ? "enrolmentExpired" : "wrongCode");
  const factors = await factorStore();
  if (!hadFactor || (await factors.recovery.remaining(account.id)) === 0) {
    return { status: "enrolled", codes: await factors.recovery.replace(account.id) };
  }
  return done("added");
}

type CreationOptions = Awaited<ReturnType<typeof registrationOptions>>;

export async function registerPasskeyOptions(): Promise<PasskeyResult<CreationOptions>> {
  const confirmation = await currentConfirmation();
  if (!confirmation) return { ok: false, error: "expired" };
  const { account } = confirmation;
  const t = await getTranslations("Common");
  const options = await registrationOptions({
    rpName: t("brand"),
    accountId: account.id,
    userName: account.userName,
    displayName: account.displayName ?? account.userName,
    existing: await (await factorStore()).passkeys.list(account.id),
  });
  await saveCeremony("security-register", account.id, options.challenge);
  return { ok: true, value: options };
}

export async function registerPasskeyVerify(response: unknown): Promise<PasskeyResult<PasskeyRegistered>> {
  const confirmation = await currentConfirmation();
  if (!confirmation) return { ok: false, error: "expired" };
  const { account } = confirmation;
  const expected = await takeCeremony("security-register", account.id);
  const registration = parseRegistration(response);
  if (!expected || !registration) return { ok: false, error: "passkeyFailed" };
  const created = await verifyRegistration(registration, expected);
  if (!created) return { ok: false, error: "passkeyFailed" };
  const factors = await factorStore();
  const hadFactor = await hasFactor(account.id);
  const t = await getTranslations("Passkeys");
  await factors.passkeys.add(account.id, { ...created, name: t("defaultName") });
  const next = `${PAGE}?${new URLSearchParams({ notice: "passkeyAdded" })}`;
  if (!hadFactor || (await factors.recovery.remaining(account.id)) === 0) {
    return { ok: true, value: { codes: await factors.recovery.replace(account.id), next } };
  }
  return { ok: true, value: { codes: [], next } };
}

export async function renameFactorAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const confirmation = await currentConfirmation();
  if (!confirmation) return fail("expired");
  const parsed = renameForm.safeParse(formValues(formData, ["kind", "id", "name"]));
  if (!parsed.success) return fail("notFound");
  if (!parsed.data.name) return fail("nameRequired");
  const renamed = await (await factorStore()).rename(confirmation.account.id, parsed.data.kind, parsed.data.id, parsed.data.name);
  return renamed ? done("renamed") : fail("notFound");
}

export async function removeFactorAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const confirmation = await currentConfirmation();
  if (!confirmation) return fail("expired");
  const parsed = factorRef.safeParse(formValues(formData, ["kind", "id"]));
  if (!parsed.success) return fail("notFound");
  const { account } = confirmation;
  const factors = await factorStore();
  const summary = await factors.summary(account.id);
  const owned = (parsed.data.kind === "totp" ? summary.totp : summary.passkeys).some((factor) => factor.id === parsed.data.id);
  if (!owned) return fail("notFound");
  if (summary.totp.length + summary.passkeys.length === 1) {
    const check = await checkLastFactorRemoval(account.id);
    if (!check.allowed) return "unavailable" in check ? fail("internal") : { status: "refused", operator: check.operator, apps: check.apps };
  }
  return (await factors.remove(account.id, parsed.data.kind, parsed.data.id)) ? done("removed") : fail("notFound");
}

export async function regenerateCodesAction(): Promise<SecurityState> {
  const confirmation = await currentConfirmation();
  if (!confirmation) return fail("expired");
  return { status: "enrolled", codes: await (await factorStore()).recovery.replace(confirmation.account.id) };
}
