"use server";

import "server-only";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { TOKEN_PATTERN } from "@/lib/identity";
import { formValue } from "@/lib/forms/values";
import { readRegisterForm, registrationOpen, submitRegistration, submitVerify } from "./flow";
import type { RegisterState, VerifyState } from "./state";

export async function registerAction(_previous: RegisterState, formData: FormData): Promise<RegisterState> {
  const input = readRegisterForm(formData);
  const values = { email: input.email, givenName: input.givenName, familyName: input.familyName, phoneNumber: input.phoneNumber, birthdate: input.birthdate };
  if (!registrationOpen()) return { status: "error", error: "internal", values };
  try {
    return await submitRegistration(input, await getLocale());
  } catch (error) {
    console.error("register: unexpected failure", error);
    return { status: "error", error: "internal", values };
  }
}

/** Redirects only to a same-origin sign-in path built by the flow. */
export async function verifyAction(_previous: VerifyState, formData: FormData): Promise<VerifyState> {
  const token = formValue(formData, "token");
  if (!TOKEN_PATTERN.test(token)) return { status: "error", error: "invalid" };
  let outcome;
  try {
    outcome = await submitVerify(token);
  } catch (error) {
    console.error("register: verification failed", error);
    return { status: "error", error: "internal" };
  }
  if (!outcome.ok) return outcome.state;
  if (outcome.redirectTo) redirect(outcome.redirectTo);
  return { status: "done" };
}
