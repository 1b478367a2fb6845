import { z } from "zod";
import { challengeParam } from "@/lib/challenge/params";
import type { PasswordProblem } from "@/lib/identity/password-policy";

// Field rules shared by the registration and recovery forms. Messages are keys: the pages
// translate them (Register.errors, Recover.errors, Password.errors).

export const emailField = z.string().trim().max(254);
export const isEmail = (value: string) => z.email().safeParse(value).success;

/** Password problems as message keys under Password.errors. */
export type PasswordErrorKey = "required" | PasswordProblem;

/** Reads a string field of a posted form; anything else (a file, a missing field) is "". */
export function formValue(formData: FormData, name: string): string {
  const entry = formData.get(name);
  return typeof entry === "string" ? entry : "";
}

/** An optional challenge carried through registration and recovery, back to the OAuth flow. */
export const optionalChallenge = challengeParam.optional().catch(undefined);
