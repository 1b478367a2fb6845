import "server-only";
import type { AccountSession } from "@/lib/account/session-data";
import { factorStore, type FactorSummary } from "@/lib/factors";
import type { Account } from "@/lib/identity";
import { securityAccess } from "./confirmation";

// What the second-factor part of /account/security shows: the confirmation step still needed,
// or the factors to manage.

// Only the user name of the account is shown (the operator preview builds these from sample data).
type Shown = Pick<Account, "userName">;

export type FactorsView =
  | { kind: "confirmPassword"; account: Shown; hasPasskey: boolean }
  | { kind: "confirmFactor"; account: Shown; method: "totp" | "recovery"; hasTotp: boolean; hasPasskey: boolean; hasRecovery: boolean }
  | { kind: "manage"; account: Shown; summary: FactorSummary; until: Date }
  | { kind: "disabled" };

export async function factorsView(session: AccountSession, wanted: "recovery" | undefined): Promise<FactorsView> {
  const access = await securityAccess(session);
  if (access.kind === "disabled") return access;
  const summary = await (await factorStore()).summary(access.account.id);
  if (access.kind === "confirmed") return { kind: "manage", account: access.account, summary, until: access.until };
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
