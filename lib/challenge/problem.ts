import type { ChallengeErrorKind } from "./errors";

/** Every reason a challenge page cannot be shown, each with its own translated error page. */
export const problemReasons = ["missing", "malformed", "not_found", "expired", "gone", "bad_request", "unavailable", "internal"] as const;
export type ProblemReason = (typeof problemReasons)[number];

export function isProblemReason(value: unknown): value is ProblemReason {
  return typeof value === "string" && (problemReasons as readonly string[]).includes(value);
}

/** The HTTP status each problem is served with (where the response status can be chosen). */
export const problemStatus: Record<ProblemReason, number> = {
  missing: 400,
  malformed: 400,
  not_found: 404,
  expired: 410,
  gone: 410,
  bad_request: 400,
  unavailable: 503,
  internal: 500,
};

/** What an action reports back to a form when the challenge itself failed. */
export type FlowError = "expired" | "unavailable" | "internal";

export function flowErrorFor(kind: ChallengeErrorKind): FlowError {
  if (kind === "unavailable" || kind === "internal") return kind;
  return "expired";
}
