import { createHmac, randomBytes } from "node:crypto";
import { base32Encode } from "./base32";

// RFC 6238 TOTP over RFC 4226 HOTP, with the parameters every authenticator app supports:
// HMAC-SHA-1, 6 digits, 30-second steps from the Unix epoch.

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD = 30;
/** RFC 6238 §5.2: accept one step either side for clock drift and typing time. */
export const TOTP_WINDOW = 1;

export type HashAlgorithm = "sha1" | "sha256" | "sha512";

/** The time step a moment falls in (RFC 6238 §4.2, T0 = 0). */
export function stepAt(unixSeconds: number, period = TOTP_PERIOD): number {
  return Math.floor(unixSeconds / period);
}

/** RFC 4226 §5.3: HMAC, dynamic truncation, modulo 10^digits. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm: HashAlgorithm = "sha1"): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac.readUInt8(mac.length - 1) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

export function totpAt(key: Uint8Array, unixSeconds: number, digits = TOTP_DIGITS, algorithm: HashAlgorithm = "sha1"): string {
  return hotp(key, stepAt(unixSeconds), digits, algorithm);
}

/** Codes as typed or pasted: spaces and dashes ("123 456", "123-456") are not part of the code. */
export function normalizeCode(code: string): string {
  return code.normalize("NFKC").replace(/[\s-]/g, "");
}

/**
 * Finds the step a code belongs to within ±TOTP_WINDOW of now, only among steps after
 * `afterStep` (a code is accepted once: RFC 6238 §5.2 "MUST NOT accept the second attempt of the
 * same OTP after the successful validation"). Constant-shape comparison over every candidate.
 */
export function matchTotp(key: Uint8Array, code: string, unixSeconds: number, afterStep = -1): number | undefined {
  const typed = normalizeCode(code);
  if (!/^\d{6}$/.test(typed)) return undefined;
  const now = stepAt(unixSeconds);
  let matched: number | undefined;
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step += 1) {
    if (hotp(key, step) === typed && step > afterStep && matched === undefined) matched = step;
  }
  return matched;
}

/** A new 160-bit key (RFC 4226 §4 recommends 160 bits). */
export function newTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(20));
}

/** The Key Uri Format authenticator apps scan (otpauth://totp/Issuer:account?secret=…&issuer=…). */
export function otpauthUri(key: Uint8Array, issuer: string, accountName: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const query = new URLSearchParams({
    secret: base32Encode(key),
    issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD),
  });
  return `otpauth://totp/${label}?${query}`;
}

/** The key as shown for typing: groups of four. */
export function formatKey(key: Uint8Array): string {
  return base32Encode(key).replace(/(.{4})/g, "$1 ").trim();
}
