import "server-only";
import type { ChallengeError } from "./errors";

/** Logs what must be investigated (internal errors with detail); expected kinds stay quiet. */
export function reportChallengeError(error: ChallengeError, where: string): void {
  if (error.kind === "internal") console.error(`[tobira] ${where}: ${error.detail}`);
  else if (error.kind === "unavailable") console.warn(`[tobira] ${where}: authorization server unavailable: ${error.detail}`);
}
