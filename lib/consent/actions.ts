"use server";

import "server-only";
import { redirect } from "next/navigation";
import type { DecisionState } from "@/lib/challenge/decision";
import { readConsentForm } from "./form";
import { submitConsent } from "./flow";

/** The consent form's action. Redirects only to the redirect_to the admin API returned. */
export async function consentAction(_previous: DecisionState, formData: FormData): Promise<DecisionState> {
  const parsed = readConsentForm(formData);
  if (!parsed.success) return { status: "error", error: "expired" };
  const outcome = await submitConsent(parsed.data);
  if (outcome.ok) redirect(outcome.redirectTo);
  return { status: "error", error: outcome.error };
}
