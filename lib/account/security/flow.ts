import "server-only";
import { getTranslations } from "next-intl/server";
import { REAUTH_MAX_AGE_SECONDS, type AccountSession } from "@/lib/account/session-data";
import type { Method } from "@/lib/assurance";
import { factorStore, hasSecondFactor, verifyCode, verifyPasskey } from "@/lib/factors";
import { confirmTotpEnrolment } from "@/lib/factors/enrol";
import { firstFactorAdded, mayAddFirstFactor, proveFirstFactorCode, sendFirstFactorCode } from "@/lib/factors/first-factor";
import type { FirstFactorError, FirstFactorState } from "@/lib/factors/first-factor-state";
import { authenticationOptions, parseRegistration, registrationOptions, verifyRegistration } from "@/lib/factors/webauthn";
import { identityStore, type Account } from "@/lib/identity";
import { saveCeremony, takeCeremony } from "@/lib/mfa/pending";
import type { PasskeyRegistered, PasskeyResult } from "@/lib/mfa/state";
import { confirm, holdHalfway, securityAccess, type Access } from "./confirmation";
import { factorRef, renameForm, type AddTotpForm, type CodeForm, type PasswordForm, type ProofForm } from "./form";
import { checkLastFactorRemoval } from "./guard";
import type { Notice, SecurityError, SecurityState } from "./state";
import { currentBrand } from "@/lib/branding";
import { recordActivity } from "@/lib/activity";

// What happens on /account/security (its actions, ./actions.ts, read the forms and redirect).
// The person is the account area's signed-in person; confirming it's them again (password, then
// the second factor if the account has one, or a passkey alone) and every change need that
// session, and every change a fresh confirmation (./confirmation.ts). A first factor also needs
// the code mailed to the account's address (lib/factors/first-factor.ts): the password alone
// must not add one. Nothing in the form says whose factors these are. Each step answers the
// form's next state, or where to go.

export const SECURITY_PAGE = "/account/security";
const PAGE = SECURITY_PAGE;

export type SecurityOutcome = SecurityState | { status: "redirect"; to: string };

const fail = (error: SecurityError): SecurityState => ({ status: "error", error });
const done = (notice: Notice): SecurityOutcome => ({ status: "redirect", to: `${PAGE}?${new URLSearchParams({ notice })}` });

/** The account when a change may be made now, with the confirmation kept for the next change. */
async function confirmed(session: AccountSession): Promise<Extract<Access, { kind: "confirmed" }> | undefined> {
  const current = await securityAccess(session);
  return current.kind === "confirmed" ? current : undefined;
}

const hasFactor = async (accountId: string) => hasSecondFactor(await factorStore(), accountId);

/** A factor may be added now: the account has one already (the confirmation covered it), or
 * this browser proved the account's address for the security page. */
const mayAdd = async (accountId: string) => (await hasFactor(accountId)) || (await mayAddFirstFactor(accountId, "security"));

export type ProofOutcome = FirstFactorState | { status: "redirect"; to: string };

const proofFail = (error: FirstFactorError): ProofOutcome => ({ status: "error", error });

/** The account when its address may be proven now: confirmed, and without a factor yet. */
async function provable(session: AccountSession): Promise<Account | undefined> {
  const current = await confirmed(session);
  return current && !(await hasFactor(current.account.id)) ? current.account : undefined;
}

/** Mails the code for a first factor to the account's verified address. */
export async function sendFirstFactor(session: AccountSession): Promise<ProofOutcome> {
  const account = await provable(session);
  if (!account) return proofFail("expired");
  const sent = await sendFirstFactorCode(account, "security");
  return sent.ok ? { status: "redirect", to: PAGE } : proofFail(sent.error);
}

/** The code from the mail (intent=verify), or a new code (intent=resend). */
export async function proveFirstFactor(session: AccountSession, form: ProofForm): Promise<ProofOutcome> {
  if (form.intent === "resend") return sendFirstFactor(session);
  const account = await provable(session);
  if (!account) return proofFail("expired");
  if (!form.code.trim()) return proofFail("codeRequired");
  const proven = await proveFirstFactorCode(account, "security", form.code);
  if (proven.ok) return { status: "redirect", to: PAGE };
  return proofFail(proven.error === "hasFactor" ? "expired" : proven.error);
}

/** After the first factor is added, a confirmation that rested on the password alone would no
 * longer be strong enough: it is kept, for what is left of its ten minutes, with the new factor. */
async function keepConfirmed(current: Extract<Access, { kind: "confirmed" }>, added: Method) {
  await confirm(current.account.id, [...current.methods, added], Math.floor(current.until.getTime() / 1000) - REAUTH_MAX_AGE_SECONDS);
}

export async function confirmPassword(session: AccountSession, form: PasswordForm): Promise<SecurityOutcome> {
  const current = await securityAccess(session);
  if (current.kind === "disabled") return fail("expired");
  if (!form.password) return fail("passwordRequired");
  const { account }: { account: Account } = current;
  const factors = await factorStore();
  // Password guesses here count per account, like second-factor guesses.
  const key = `security-password:${account.id}`;
  const reserved = await factors.throttle.reserve(key);
  if (!reserved.ok) return fail("locked");
  const verified = await (await identityStore()).accounts.verifyPassword(account.userName, form.password);
  const right = verified.ok && verified.account.id === account.id;
  const after = await reserved.settle(right);
  if (!right) return fail(after.locked ? "locked" : "invalidCredentials");
  if (await hasFactor(account.id)) await holdHalfway(account.id);
  else await confirm(account.id, [{ kind: "password" }]);
  return { status: "redirect", to: PAGE };
}

export async function confirmCode(session: AccountSession, form: CodeForm): Promise<SecurityOutcome> {
  const current = await securityAccess(session);
  if (current.kind !== "needFactor") return fail("expired");
  if (!form.code.trim()) return fail("codeRequired");
  const { account } = current;
  const checked = await verifyCode(await factorStore(), account.id, form.method, form.code);
  if (!checked.ok) return fail(checked.error);
  await confirm(account.id, [{ kind: "password" }, checked.method]);
  return { status: "redirect", to: PAGE };
}

type Options = Awaited<ReturnType<typeof authenticationOptions>>;

/** A passkey of the signed-in person confirms on its own (it is two factors). */
export async function confirmPasskeyOptions(session: AccountSession): Promise<PasskeyResult<Options>> {
  const current = await securityAccess(session);
  if (current.kind === "disabled") return { ok: false, error: "expired" };
  const passkeys = await (await factorStore()).passkeys.list(current.account.id);
  if (passkeys.length === 0) return { ok: false, error: "passkeyFailed" };
  const options = await authenticationOptions(passkeys);
  await saveCeremony("security-confirm", current.account.id, options.challenge);
  return { ok: true, value: options };
}

export async function confirmPasskeyVerify(session: AccountSession, response: unknown): Promise<PasskeyResult<string>> {
  const current = await securityAccess(session);
  if (current.kind === "disabled") return { ok: false, error: "expired" };
  const { account } = current;
  const expected = await takeCeremony("security-confirm", account.id);
  const checked = await verifyPasskey(await factorStore(), { response, expected, accountId: account.id });
  if (!checked.ok) return { ok: false, error: checked.error };
  await confirm(account.id, [checked.method]);
  return { ok: true, value: PAGE };
}

/** Adds an authenticator app; the first factor of an account comes with recovery codes. */
export async function addTotp(session: AccountSession, form: AddTotpForm): Promise<SecurityOutcome> {
  const current = await confirmed(session);
  if (!current) return fail("expired");
  if (!form.name) return fail("nameRequired");
  if (!form.code.trim()) return fail("codeRequired");
  const { account } = current;
  const hadFactor = await hasFactor(account.id);
  if (!hadFactor && !(await mayAddFirstFactor(account.id, "security"))) return fail("expired");
  const added = await confirmTotpEnrolment(account.id, form.enrolment, form.code, form.name);
  if (!added.ok) return fail(added.error === "expired" ? "enrolmentExpired" : "wrongCode");
  // The code just typed proves the new app: the confirmation now covers it.
  await keepConfirmed(current, { kind: "totp" });
  await recordActivity({ subject: account.id, kind: "factor_added" });
  if (!hadFactor) await firstFactorAdded(account, "totp");
  return added.codes.length > 0 ? { status: "enrolled", codes: added.codes } : done("added");
}

type CreationOptions = Awaited<ReturnType<typeof registrationOptions>>;

export async function registerPasskeyOptions(session: AccountSession): Promise<PasskeyResult<CreationOptions>> {
  const current = await confirmed(session);
  if (!current || !(await mayAdd(current.account.id))) return { ok: false, error: "expired" };
  const { account } = current;
  const brand = await currentBrand();
  const options = await registrationOptions({
    rpName: brand.name,
    accountId: account.id,
    userName: account.userName,
    displayName: account.displayName ?? account.userName,
    existing: await (await factorStore()).passkeys.list(account.id),
  });
  await saveCeremony("security-register", account.id, options.challenge);
  return { ok: true, value: options };
}

export async function registerPasskeyVerify(session: AccountSession, response: unknown): Promise<PasskeyResult<PasskeyRegistered>> {
  const current = await confirmed(session);
  if (!current) return { ok: false, error: "expired" };
  const { account } = current;
  const expected = await takeCeremony("security-register", account.id);
  const registration = parseRegistration(response);
  if (!expected || !registration) return { ok: false, error: "passkeyFailed" };
  const created = await verifyRegistration(registration, expected);
  if (!created) return { ok: false, error: "passkeyFailed" };
  const hadFactor = await hasFactor(account.id);
  if (!hadFactor && !(await mayAddFirstFactor(account.id, "security"))) return { ok: false, error: "expired" };
  const t = await getTranslations("Passkeys");
  const codes = await (await factorStore()).enrol(account.id, { kind: "passkey", passkey: { ...created, name: t("defaultName") } });
  await keepConfirmed(current, { kind: "passkey", deviceBound: !created.backedUp });
  await recordActivity({ subject: account.id, kind: "factor_added" });
  if (!hadFactor) await firstFactorAdded(account, "passkey");
  return { ok: true, value: { codes, next: `${PAGE}?${new URLSearchParams({ notice: "passkeyAdded" })}` } };
}

export async function renameFactor(session: AccountSession, values: Record<string, string | undefined>): Promise<SecurityOutcome> {
  const current = await confirmed(session);
  if (!current) return fail("expired");
  const parsed = renameForm.safeParse(values);
  if (!parsed.success) return fail("notFound");
  if (!parsed.data.name) return fail("nameRequired");
  const renamed = await (await factorStore()).rename(current.account.id, parsed.data.kind, parsed.data.id, parsed.data.name);
  return renamed ? done("renamed") : fail("notFound");
}

export async function removeFactor(session: AccountSession, values: Record<string, string | undefined>): Promise<SecurityOutcome> {
  const current = await confirmed(session);
  if (!current) return fail("expired");
  const parsed = factorRef.safeParse(values);
  if (!parsed.success) return fail("notFound");
  const { account } = current;
  const factors = await factorStore();
  const summary = await factors.summary(account.id);
  const owned = (parsed.data.kind === "totp" ? summary.totp : summary.passkeys).some((factor) => factor.id === parsed.data.id);
  if (!owned) return fail("notFound");
  if (summary.totp.length + summary.passkeys.length === 1) {
    const check = await checkLastFactorRemoval(account.id);
    if (!check.allowed) return "unavailable" in check ? fail("internal") : { status: "refused", operator: check.operator, apps: check.apps };
  }
  if (!(await factors.remove(account.id, parsed.data.kind, parsed.data.id))) return fail("notFound");
  await recordActivity({ subject: account.id, kind: "factor_removed" });
  return done("removed");
}

export async function regenerateCodes(session: AccountSession): Promise<SecurityOutcome> {
  const current = await confirmed(session);
  // Recovery codes stand in for a factor; without one they would be a factor made with the
  // password alone (lib/factors/verify.ts does not count them then either).
  if (!current || !(await hasFactor(current.account.id))) return fail("expired");
  const codes = await (await factorStore()).recovery.replace(current.account.id);
  await recordActivity({ subject: current.account.id, kind: "recovery_codes_renewed" });
  return { status: "enrolled", codes };
}
