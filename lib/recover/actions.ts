"use server";

import "server-only";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { formValue } from "@/lib/forms/values";
import { TOKEN_PATTERN } from "@/lib/identity";
import { readRecoverForm, submitRecover, submitReset } from "./flow";
import type { RecoverState, ResetState } from "./state";

export async function recoverAction(_previous: RecoverState, formData: FormData): Promise<RecoverState> {
  const input = readRecoverForm(formData);
  try {
    return await submitRecover(input, await getLocale());
  } catch (error) {
    console.error("recover: unexpected failure", error);
    return { status: "error", error: "internal", email: input.email };
  }
}

/** Redirects only to a same-origin sign-in path built by the flow. */
export async function resetAction(_previous: ResetState, formData: FormData): Promise<ResetState> {
  const token = formValue(formData, "token");
  if (!TOKEN_PATTERN.test(token)) return { status: "error", error: "invalid" };
  let outcome;
  try {
    outcome = await submitReset(token, formValue(formData, "password").slice(0, 1024));
  } catch (error) {
    console.error("recover: reset failed", error);
    return { status: "error", error: "internal" };
  }
  if (!outcome.ok) return outcome.state;
  if (outcome.redirectTo) redirect(outcome.redirectTo);
  return { status: "done" };
}
