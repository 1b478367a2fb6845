import { z } from "zod";

// A challenge as it may appear in a URL or a form. Hydra v2.2+ sends the whole flow state,
// gzipped, encrypted and base64url-encoded *with padding* (flow/encoding.go), over 1 kB and growing
// with the client's metadata; the embedded core's are oidc-provider interaction uids. The bound
// is Node's default 16 KiB request-header limit: a longer URL never reaches Tobira anyway.
export const CHALLENGE_MAX_LENGTH = 16_384;

export const challengeParam = z
  .string()
  .min(1)
  .max(CHALLENGE_MAX_LENGTH)
  .regex(/^[A-Za-z0-9._~-]+={0,2}$/);

/** A client id as it may appear in a URL or a form (Hydra's are printable ASCII): it also goes into
 * request headers (proxy.ts), where a control or non-Latin-1 character would throw. */
export const clientIdParam = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/);

/** Parses one query parameter: missing (absent or empty), malformed, or a usable challenge. */
export function parseChallenge(value: unknown): { ok: true; challenge: string } | { ok: false; reason: "missing" | "malformed" } {
  if (value === undefined || value === null || value === "") return { ok: false, reason: "missing" };
  // A repeated parameter (?login_challenge=a&login_challenge=b) is ambiguous: malformed.
  const parsed = challengeParam.safeParse(value);
  return parsed.success ? { ok: true, challenge: parsed.data } : { ok: false, reason: "malformed" };
}

/** An optional challenge carried through registration and recovery, back to the OAuth flow. */
export const optionalChallenge = challengeParam.optional().catch(undefined);

/** The optional login_challenge of /register and /recover; anything unusable is dropped. */
export function challengeFrom(value: string | string[] | undefined): string | undefined {
  return optionalChallenge.parse(typeof value === "string" ? value : undefined);
}
