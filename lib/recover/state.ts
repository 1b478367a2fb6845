import type { PasswordErrorKey } from "@/lib/identity/password-rules";

export type RecoverErrorKey = "emailRequired" | "emailInvalid" | "internal";

export type RecoverState =
  | { status: "idle" }
  | { status: "error"; error: RecoverErrorKey; email: string }
  | { status: "sent"; email: string };

export const initialRecoverState: RecoverState = { status: "idle" };

export type ResetErrorKey = `password.${PasswordErrorKey}` | "invalid" | "expired" | "used" | "internal";

export type ResetState = { status: "idle" } | { status: "error"; error: ResetErrorKey } | { status: "done" };

export const initialResetState: ResetState = { status: "idle" };
