import { createHmac, hkdfSync, randomBytes, randomInt } from "node:crypto";

// Recovery codes: ten single-use codes of ten characters (about 50 bits each) from an alphabet
// without look-alikes, shown once. Stored as HMAC-SHA-256 under a random key of their set, which
// is kept sealed with TOBIRA_SECRET (lib/factors/store.ts): a copy of the database alone does not
// let anyone try codes offline, and a new secret re-seals the key instead of losing every code
// (hashes cannot be re-hashed without the codes). Sets made before the key ring were hashed under
// a key derived from the secret itself (legacyRecoveryKey).

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const LENGTH = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** As typed: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.normalize("NFKC").toLowerCase().replace(/[\s-]/g, "");
}

export function looksLikeRecoveryCode(code: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${LENGTH}}$`).test(normalizeRecoveryCode(code));
}

export function newRecoveryKey(): Buffer {
  return randomBytes(32);
}

/** The key of a set made before the key ring, when `secret` was TOBIRA_SECRET. */
export function legacyRecoveryKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "tobira-recovery", "tobira:recovery-codes", 32));
}

export function hashRecoveryCode(key: Uint8Array, code: string): string {
  return createHmac("sha256", key).update(normalizeRecoveryCode(code)).digest("base64url");
}
