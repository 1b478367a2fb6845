import type { KeyRing } from "@/common/key-ring";
import { open, seal } from "@/common/seal";
import { base32Decode, base32Encode } from "./base32";

// What the factor tables keep sealed (common/seal.ts), each bound to its account: the TOTP keys
// and the HMAC key of each recovery-code set. Used by the store, and by the re-sealing at start.

const TOTP_PURPOSE = "totp-secret";
const RECOVERY_PURPOSE = "recovery-key";

/** A key, and whether it was sealed with a previous secret (and so should be sealed again). */
export type OpenedKey = { ok: true; key: Uint8Array; stale: boolean } | { ok: false; reason: "unknown-key" | "invalid" };

export function sealTotpKey(ring: KeyRing, accountId: string, key: Uint8Array): string {
  return seal(ring, TOTP_PURPOSE, base32Encode(key), accountId);
}

export function openTotpKey(ring: KeyRing, accountId: string, sealed: string): OpenedKey {
  const opened = open(ring, TOTP_PURPOSE, sealed, accountId);
  if (!opened.ok) return opened;
  const key = base32Decode(opened.text);
  return key ? { ok: true, key, stale: opened.stale } : { ok: false, reason: "invalid" };
}

export function sealRecoveryKey(ring: KeyRing, accountId: string, key: Uint8Array): string {
  return seal(ring, RECOVERY_PURPOSE, Buffer.from(key).toString("base64url"), accountId);
}

export function openRecoveryKey(ring: KeyRing, accountId: string, sealed: string): OpenedKey {
  const opened = open(ring, RECOVERY_PURPOSE, sealed, accountId);
  return opened.ok ? { ok: true, key: new Uint8Array(Buffer.from(opened.text, "base64url")), stale: opened.stale } : opened;
}
