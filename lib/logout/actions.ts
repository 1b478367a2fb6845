"use server";

import "server-only";
import { redirect } from "next/navigation";
import type { DecisionState } from "@/lib/challenge/decision";
import { readLogoutForm } from "./form";
import { submitLogout } from "./flow";

/** The logout form's action: to the admin API's redirect_to, or to Tobira's "still signed in". */
export async function logoutAction(_previous: DecisionState, formData: FormData): Promise<DecisionState> {
  const parsed = readLogoutForm(formData);
  if (!parsed.success) return { status: "error", error: "expired" };
  const outcome = await submitLogout(parsed.data);
  if (outcome.ok) redirect(outcome.redirectTo);
  return { status: "error", error: outcome.error };
}
