import { hash, verify } from "@node-rs/argon2";

// argon2id with @node-rs/argon2's defaults (m=19456 KiB, t=2, p=1: OWASP's minimum), about
// 17 ms a hash on the reference machine. The encoded hash carries its parameters.

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function checkPassword(encoded: string, password: string): Promise<boolean> {
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** A hash of a random value: verified against when the account does not exist, so the answer
 * takes as long as for a real account (no username enumeration by timing). */
export function dummyHash(): Promise<string> {
  dummy ??= hash(crypto.randomUUID());
  return dummy;
}
