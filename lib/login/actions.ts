"use server";

import "server-only";
import { redirect } from "next/navigation";
import { requestClientAddress } from "@/lib/security/request-address";
import { readLoginForm } from "./form";
import { submitLogin } from "./flow";
import type { LoginState } from "./state";

/** The login form's action. Redirects only to the redirect_to the admin API returned. */
export async function loginAction(previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = readLoginForm(formData);
  if (!parsed.success) {
    const identifier = previous.status === "error" ? previous.identifier : "";
    return { status: "error", error: "expired", identifier, remember: false };
  }
  // Without a trustworthy address the attempts share one bucket rather than one the client names.
  const outcome = await submitLogin(parsed.data, (await requestClientAddress()) ?? "unknown");
  if (outcome.ok) redirect(outcome.redirectTo);
  return outcome.state;
}
