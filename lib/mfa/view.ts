import "server-only";
import { getLocale } from "next-intl/server";
import { clientName } from "@/lib/challenge/client-texts";
import type { Reason } from "@/lib/assurance";
import type { ProblemReason } from "@/lib/challenge";
import { factorStore } from "@/lib/factors";
import { startTotpEnrolment, type TotpEnrolment } from "@/lib/factors/enrol";
import { firstFactorStep } from "@/lib/factors/first-factor";
import type { FirstFactorView } from "@/lib/factors/first-factor-state";
import { loadStepUp } from "./flow";
import { currentBrand } from "@/lib/branding";

// What GET /login/mfa shows: the ways this person can give a second factor, or (none yet) the
// enrolment of one, once the code mailed to their address proved more than the password
// (lib/factors/first-factor.ts). The page itself decides nothing.

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
  /** No factor yet, and the address not proven in this sign-in: the mailed code comes first. */
  proof?: FirstFactorView;
  /** No factor yet, the address proven: set one up now. */
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
  const brand = await currentBrand();
  const step = noFactor && !second ? await firstFactorStep(account, { signIn: challenge }) : undefined;
  const proof: FirstFactorView | undefined = step && step.kind !== "proven" ? { step, brand: brand.name, support: brand.links.support } : undefined;

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
      proof,
      enrol: step?.kind === "proven" ? await startTotpEnrolment(account.id, brand.name, account.userName) : undefined,
      enrolled: Boolean(second?.length),
    },
  };
}
