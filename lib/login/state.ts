import type { FlowError } from "@/lib/challenge/problem";

// What the login action hands back to the form. Keys name messages under Login.errors.

export type LoginErrorKey =
  | "identifierRequired"
  | "passwordRequired"
  | "invalidCredentials"
  | "accountDisabled"
  | "throttled"
  | "wrongAccount"
  | FlowError;

export type LoginState =
  | { status: "idle" }
  | {
      status: "error";
      error: LoginErrorKey;
      /** Which field the message belongs to, for aria-describedby and the summary link. */
      field?: "identifier" | "password";
      identifier: string;
      remember: boolean;
      /** With "throttled": when the next attempt is allowed (ISO 8601). */
      retryAt?: string;
    };

export const initialLoginState: LoginState = { status: "idle" };
