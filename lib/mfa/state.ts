import type { FlowError } from "@/lib/challenge/problem";

// What the second-factor actions hand back to their forms. Keys name messages under Mfa.errors.

export type StepUpError = "codeRequired" | "wrongCode" | "locked" | "passkeyFailed" | "enrolmentExpired" | FlowError;

export type StepUpState =
  | { status: "idle" }
  | { status: "error"; error: StepUpError }
  /** A factor was added during sign-in: its recovery codes are shown once before continuing. */
  | { status: "enrolled"; codes: string[] };

export const initialStepUpState: StepUpState = { status: "idle" };

/** What the passkey buttons (client components) get back from their actions. */
export type PasskeyResult<T> = { ok: true; value: T } | { ok: false; error: StepUpError };

/** A passkey added: recovery codes to show once (a first factor), then where to go. */
export interface PasskeyRegistered {
  codes: string[];
  next?: string;
}
