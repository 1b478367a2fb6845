"use server";

import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/lib/config/env";
import { clientAddress } from "@/lib/security/client-address";
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
  const address = clientAddress((await headers()).get("x-forwarded-for"), env().TOBIRA_PROXY_HOPS);
  const outcome = await submitLogin(parsed.data, address);
  if (outcome.ok) redirect(outcome.redirectTo);
  return outcome.state;
}
