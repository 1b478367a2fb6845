import "server-only";
import { prepareSignOut } from "@/lib/activity";
import { attempt, challenges, flowErrorFor, type Client, type FlowError, type ProblemReason } from "@/lib/challenge";
import type { LogoutForm } from "./form";

/** Where "stay signed in" ends: Tobira's own page, after the admin API rejected the logout. */
export const STAYED_PATH = "/logout/stayed";

export interface LogoutView {
  challenge: string;
  /** The asking app's name, when the logout was initiated by an app (RP-initiated). */
  clientName?: string;
  client?: Client;
}

export type LogoutStep =
  | { kind: "form"; view: LogoutView }
  | { kind: "redirect"; to: string }
  | { kind: "problem"; reason: ProblemReason };

export type LogoutOutcome = { ok: true; redirectTo: string } | { ok: false; error: FlowError };

export async function beginLogout(challenge: string): Promise<LogoutStep> {
  const loaded = await attempt("logout: get request", () => challenges().getLogoutRequest(challenge));
  if (!loaded.ok) return { kind: "problem", reason: loaded.kind };
  const { rpInitiated, client } = loaded.value;
  const asking = rpInitiated ? client : undefined;
  // The operator's skip_logout_consent (Hydra's client field, which Hydra leaves to the logout
  // UI): an app that asks for the sign-out is trusted to have asked the person already.
  if (asking?.skipLogoutConsent) {
    const done = await submitLogout({ challenge, decision: "logout" });
    return done.ok ? { kind: "redirect", to: done.redirectTo } : { kind: "problem", reason: done.error };
  }
  return { kind: "form", view: { challenge, clientName: asking?.name, client: asking } };
}

export async function submitLogout(form: LogoutForm): Promise<LogoutOutcome> {
  const decided = await attempt(`logout: ${form.decision}`, async () => {
    if (form.decision === "stay") {
      await challenges().rejectLogout(form.challenge);
      return STAYED_PATH;
    }
    const recordSignOut = await prepareSignOut(form.challenge);
    const accepted = await challenges().acceptLogout(form.challenge);
    await recordSignOut();
    return accepted.redirectTo;
  });
  return decided.ok ? { ok: true, redirectTo: decided.value } : { ok: false, error: flowErrorFor(decided.kind) };
}
