import "server-only";
import { getLocale } from "next-intl/server";
import { clientName } from "@/lib/challenge/client-texts";
import type { Reason } from "@/lib/assurance";
import type { ProblemReason } from "@/lib/challenge";
import { factorStore } from "@/lib/factors";
import { startTotpEnrolment, type TotpEnrolment } from "@/lib/factors/enrol";
import { loadStepUp } from "./flow";
import { currentBrand } from "@/lib/branding";

// What GET /login/mfa shows: the ways this person can give a second factor, or (none yet) the
// enrolment of one. The page itself decides nothing.

export type StepUpMethod = "totp" | "recovery";

export interface StepUpView {
  challenge: string;
  clientName: string;
  /** For the recovery codes file's heading. */
  accountName: string;
  reasons: Reason[];
  /** The code form's method: the app's code, or a recovery code. */
  method: StepUpMethod;
  hasTotp: boolean;
  hasPasskey: boolean;
  hasRecovery: boolean;
  /** No factor yet: set one up now. */
  enrol?: TotpEnrolment;
  /** A factor was set up in this sign-in; only "continue" remains. */
  enrolled: boolean;
}

export type StepUpPage = { kind: "form"; view: StepUpView } | { kind: "redirect"; to: string } | { kind: "problem"; reason: ProblemReason };

export async function beginStepUp(challenge: string, wanted: StepUpMethod | undefined): Promise<StepUpPage> {
  const loaded = await loadStepUp(challenge);
  if (loaded.kind !== "ready") return loaded;
  const { request, account, requirement, second } = loaded.stepUp;
  const summary = await (await factorStore()).summary(account.id);
  const hasTotp = summary.totp.length > 0;
  const hasPasskey = summary.passkeys.length > 0;
  const hasRecovery = summary.recoveryRemaining > 0;
  const noFactor = !hasTotp && !hasPasskey;
  const brand = (await currentBrand()).name;

  return {
    kind: "form",
    view: {
      challenge,
      clientName: clientName(request.client, await getLocale()),
      accountName: account.userName,
      reasons: requirement.reasons,
      method: wanted === "recovery" && hasRecovery ? "recovery" : hasTotp ? "totp" : "recovery",
      hasTotp,
      hasPasskey,
      hasRecovery,
      enrol: noFactor && !second ? await startTotpEnrolment(account.id, brand, account.userName) : undefined,
      enrolled: Boolean(second?.length),
    },
  };
}
