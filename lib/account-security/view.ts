import "server-only";
import { factorStore, type FactorSummary } from "@/lib/factors";
import type { Account } from "@/lib/identity";
import { CONFIRMATION_SECONDS, currentConfirmation, halfwayAccount } from "./confirmation";

// What GET /account/security shows: the confirmation steps, or the factors to manage.

export type SecurityPage =
  | { kind: "confirmPassword" }
  | { kind: "confirmFactor"; method: "totp" | "recovery"; hasTotp: boolean; hasPasskey: boolean; hasRecovery: boolean }
  | { kind: "manage"; account: Account; summary: FactorSummary; until: Date };

export async function securityPage(wanted: "recovery" | undefined): Promise<SecurityPage> {
  const confirmation = await currentConfirmation();
  const factors = await factorStore();
  if (confirmation) {
    return {
      kind: "manage",
      account: confirmation.account,
      summary: await factors.summary(confirmation.account.id),
      until: new Date(confirmation.at.getTime() + CONFIRMATION_SECONDS * 1000),
    };
  }
  const halfway = await halfwayAccount();
  if (!halfway) return { kind: "confirmPassword" };
  const summary = await factors.summary(halfway.id);
  const hasTotp = summary.totp.length > 0;
  const hasRecovery = summary.recoveryRemaining > 0;
  return {
    kind: "confirmFactor",
    method: (wanted === "recovery" && hasRecovery) || !hasTotp ? "recovery" : "totp",
    hasTotp,
    hasPasskey: summary.passkeys.length > 0,
    hasRecovery,
  };
}
