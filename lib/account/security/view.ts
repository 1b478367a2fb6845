import "server-only";
import type { AccountSession } from "@/lib/account/session-data";
import { currentBrand } from "@/lib/branding";
import { factorStore, type FactorSummary } from "@/lib/factors";
import { startTotpEnrolment, type TotpEnrolment } from "@/lib/factors/enrol";
import { firstFactorStep } from "@/lib/factors/first-factor";
import type { FirstFactorView } from "@/lib/factors/first-factor-state";
import type { Account } from "@/lib/identity";
import { securityAccess } from "./confirmation";

// What the second-factor part of /account/security shows: the confirmation step still needed,
// or the factors to manage (for an account without one, first the code mailed to its address:
// lib/factors/first-factor.ts).

// Only the user name of the account is shown (the operator preview builds these from sample data).
type Shown = Pick<Account, "userName">;

export type FactorsView =
  | { kind: "confirmPassword"; account: Shown; hasPasskey: boolean }
  | { kind: "confirmFactor"; account: Shown; method: "totp" | "recovery"; hasTotp: boolean; hasPasskey: boolean; hasRecovery: boolean }
  | {
      kind: "manage";
      account: Shown;
      summary: FactorSummary;
      until: Date;
      /** No factor yet and the address not proven: the mailed code comes before adding one. */
      firstFactor?: FirstFactorView;
    }
  | { kind: "disabled" };

export async function factorsView(session: AccountSession, wanted: "recovery" | undefined): Promise<FactorsView> {
  const access = await securityAccess(session);
  if (access.kind === "disabled") return access;
  const summary = await (await factorStore()).summary(access.account.id);
  if (access.kind === "confirmed") {
    return { kind: "manage", account: access.account, summary, until: access.until, firstFactor: await firstFactorView(access.account, summary) };
  }
  const hasPasskey = summary.passkeys.length > 0;
  if (access.kind === "needPassword") return { kind: "confirmPassword", account: access.account, hasPasskey };
  const hasTotp = summary.totp.length > 0;
  const hasRecovery = summary.recoveryRemaining > 0;
  return {
    kind: "confirmFactor",
    account: access.account,
    method: (wanted === "recovery" && hasRecovery) || !hasTotp ? "recovery" : "totp",
    hasTotp,
    hasPasskey,
    hasRecovery,
  };
}

async function firstFactorView(account: Account, summary: FactorSummary): Promise<FirstFactorView | undefined> {
  if (summary.totp.length + summary.passkeys.length > 0) return undefined;
  const step = await firstFactorStep(account, "security");
  if (step.kind === "proven") return undefined;
  const brand = await currentBrand();
  return { step, brand: brand.name, support: brand.links.support };
}

export type AuthenticatorView = { kind: "form"; enrolment: TotpEnrolment; accountName: string } | { kind: "back" };

/** What /account/security/authenticator shows: a new app's key, once a change may be made (and,
 * for a first factor, the address was proven); otherwise back to the security page. */
export async function authenticatorView(session: AccountSession): Promise<AuthenticatorView> {
  const access = await securityAccess(session);
  if (access.kind !== "confirmed") return { kind: "back" };
  const { account } = access;
  if (await firstFactorView(account, await (await factorStore()).summary(account.id))) return { kind: "back" };
  return { kind: "form", enrolment: await startTotpEnrolment(account.id, (await currentBrand()).name, account.userName), accountName: account.userName };
}
