import { z } from "zod";

// A challenge as it may appear in a URL or a form. Hydra's are hex/base64url, the embedded
// core's are oidc-provider interaction uids (base64url); anything else never reaches the admin API.
export const challengeParam = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9._~-]+$/);

/** Parses one query parameter: missing (absent or empty), malformed, or a usable challenge. */
export function parseChallenge(value: unknown): { ok: true; challenge: string } | { ok: false; reason: "missing" | "malformed" } {
  if (value === undefined || value === null || value === "") return { ok: false, reason: "missing" };
  // A repeated parameter (?login_challenge=a&login_challenge=b) is ambiguous: malformed.
  const parsed = challengeParam.safeParse(value);
  return parsed.success ? { ok: true, challenge: parsed.data } : { ok: false, reason: "malformed" };
}
