import { hash, verify } from "@node-rs/argon2";
import { normalizePassword } from "./password-rules";

// argon2id with @node-rs/argon2's defaults (m=19456 KiB, t=2, p=1: OWASP's minimum), about
// 17 ms a hash on the reference machine. The encoded hash carries its parameters.
//
// Every password is normalised before it is hashed or verified, here and nowhere else, so that
// registration, reset, SCIM and sign-in all agree: "café" typed with a composed é (U+00E9, what
// most keyboards send) and with e + U+0301 (what some input methods and macOS file names send)
// is the same password (RFC 8265 OpaqueString; the function and why: ./password-rules.ts, where
// the browser's length count uses it too).

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password));
}

/** "legacy": the hash was made from the password as typed, before passwords were normalised
 * (it matches the un-normalised form only); the caller hashes it again, normalised. */
export type PasswordMatch = "match" | "legacy" | "mismatch";

async function verifies(encoded: string, password: string): Promise<boolean> {
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
}

export async function checkPassword(encoded: string, password: string): Promise<PasswordMatch> {
  const normalized = normalizePassword(password);
  if (await verifies(encoded, normalized)) return "match";
  // The second verification depends only on what was typed, never on the account: it costs the
  // same for an unknown name (the dummy hash) and tells nothing about who exists.
  if (normalized !== password && (await verifies(encoded, password))) return "legacy";
  return "mismatch";
}

let dummy: Promise<string> | undefined;

/** A hash of a random value: verified against when the account does not exist, so the answer
 * takes as long as for a real account (no username enumeration by timing). */
export function dummyHash(): Promise<string> {
  dummy ??= hash(crypto.randomUUID());
  return dummy;
}
