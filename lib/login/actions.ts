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
    // `previous` is what the request says the form showed: anything at all from a hand-made post.
    const shown: unknown = previous?.status === "error" ? previous.identifier : undefined;
    const identifier = typeof shown === "string" ? shown.slice(0, 256) : "";
    return { status: "error", error: "expired", identifier, remember: false };
  }
  // Without a trustworthy address the attempts share one bucket rather than one the client names.
  const outcome = await submitLogin(parsed.data, (await requestClientAddress()) ?? "unknown");
  if (outcome.ok) redirect(outcome.redirectTo);
  return outcome.state;
}
