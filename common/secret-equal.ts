import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// The one comparison of a presented secret with the expected one (bearer tokens of SCIM, of the
// preview and of the core's admin API, the preview's cookie). Both sides are HMAC'd under a key
// made for this process and only the two 32-byte digests are compared, with timingSafeEqual: the
// time of the answer depends on neither value, so it tells nothing about the expected one — not
// its length (a plain comparison stops at the first difference, or at a length mismatch) and not
// how much of a guess was right.

const KEY = randomBytes(32);
const digest = (value: string) => createHmac("sha256", KEY).update(value, "utf8").digest();

export function secretsEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected)) && expected.length > 0;
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), or undefined. */
export function bearerToken(authorization: string | null | undefined): string | undefined {
  return /^Bearer +(\S+) *$/i.exec(authorization ?? "")?.[1];
}

/** Whether the header carries exactly this bearer token. */
export function bearerMatches(authorization: string | null | undefined, token: string): boolean {
  return secretsEqual(bearerToken(authorization) ?? "", token);
}
