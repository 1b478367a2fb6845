// Upstream failures, classified once at the client (STYLE.md "Talking to the authorization
// server"). The rest of the code switches on `kind`; `detail` is for logs only, never for people.

export type ChallengeErrorKind =
  /** 404: unknown or malformed challenge (expired, never existed). */
  | "not_found"
  /** 410: the challenge was already handled (Hydra answers with a redirect_to). */
  | "gone"
  /** 400: the admin API rejected what Tobira sent. */
  | "bad_request"
  /** Connection refused, timeout, 5xx: the authorization server is down. */
  | "unavailable"
  /** Anything else (401/403/409, an unexpected body): a bug or a misconfiguration. */
  | "internal";

export class ChallengeError extends Error {
  override name = "ChallengeError";
  constructor(
    readonly kind: ChallengeErrorKind,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${kind}: ${detail}`, options);
  }
}

export function kindForStatus(status: number): ChallengeErrorKind {
  if (status === 404) return "not_found";
  if (status === 410) return "gone";
  if (status === 400) return "bad_request";
  if (status >= 500) return "unavailable";
  return "internal";
}

/** Network-level failures of fetch (refused, reset, DNS, timeout) mean "unavailable". */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "TimeoutError" || error.name === "AbortError") return true;
  return error instanceof TypeError && /fetch failed|network|terminated/i.test(error.message);
}
