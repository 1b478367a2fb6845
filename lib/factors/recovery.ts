import { createHmac, hkdfSync, randomInt } from "node:crypto";

// Recovery codes: ten single-use codes of ten characters (about 50 bits each) from an alphabet
// without look-alikes, shown once. Stored as HMAC-SHA-256 with a key derived from TOBIRA_SECRET,
// so a copy of the database alone does not let anyone try codes offline.

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

export function hashRecoveryCode(secret: string, code: string): string {
  const key = Buffer.from(hkdfSync("sha256", secret, "tobira-recovery", "tobira:recovery-codes", 32));
  return createHmac("sha256", key).update(normalizeRecoveryCode(code)).digest("base64url");
}
