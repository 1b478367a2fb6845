import type { PasswordErrorKey } from "@/lib/identity/password-rules";

// What the registration and verification actions hand back to their forms.

export type RegisterField = "email" | "password" | "givenName" | "familyName" | "phoneNumber" | "birthdate";

export type RegisterErrorKey =
  | "emailRequired"
  | "emailInvalid"
  | "givenNameRequired"
  | "familyNameRequired"
  | "phoneNumberRequired"
  | "phoneNumberInvalid"
  | "birthdateRequired"
  | "birthdateInvalid"
  | "internal"
  | `password.${PasswordErrorKey}`;

export interface RegisterValues {
  email: string;
  givenName: string;
  familyName: string;
  phoneNumber: string;
  birthdate: string;
}

export type RegisterState =
  | { status: "idle" }
  | { status: "error"; error: RegisterErrorKey; field?: RegisterField; values: RegisterValues }
  | { status: "sent"; email: string };

export const initialRegisterState: RegisterState = { status: "idle" };

export type VerifyErrorKey = "taken" | "internal" | "invalid" | "expired" | "used";

export type VerifyState = { status: "idle" } | { status: "error"; error: VerifyErrorKey } | { status: "done" };

export const initialVerifyState: VerifyState = { status: "idle" };
