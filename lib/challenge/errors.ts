// Upstream failures, classified once at the client (STYLE.md "Talking to the authorization
// server"). The rest of the code switches on `kind`; `detail` is for logs only, never for people.

export type ChallengeErrorKind =
  /** 404: unknown or malformed challenge (expired, never existed). */
  | "not_found"
  /** 401 request_unauthorized: Hydra knows the challenge but its time ran out (ttl.login_consent_request). */
  | "expired"
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

/** Hydra answers an expired login, consent or logout challenge with 401 `request_unauthorized`
 * (persistence/sql/persister_consent.go); any other 401 (a wrong admin token) is a misconfiguration. */
export function kindForStatus(status: number, error?: string | null): ChallengeErrorKind {
  if (status === 401 && error === "request_unauthorized") return "expired";
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
