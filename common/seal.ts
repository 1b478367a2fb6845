import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { keyId, secretsOf, type KeyRing } from "./key-ring";

// Authenticated encryption (AES-256-GCM) for everything the UI and the core keep secret at rest
// (TOTP keys, recovery-code keys, client_secret_jwt secrets, the pairwise salt) or hand to the
// browser to hold (pending sign-ins, confirmations, account sessions). One format:
//
//   v2.<key id>.<iv>.<ciphertext>.<tag>        (base64url parts)
//
// 1. Each purpose has its own key, derived from a secret of the ring with HKDF (RFC 5869): a
//    value sealed for one purpose never opens as another.
// 2. `bind` (e.g. an account id) and the header are authenticated: a value moved to another
//    account, or given another key id, does not open.
// 3. The key id names the secret that sealed it (common/key-ring.ts): a value sealed with a
//    previous secret opens and says it is `stale`, so the caller can seal it again with the
//    current one; a value whose secret is not in the ring is `unknown-key`, which callers treat
//    as the operator's mistake to report, never as the person's.
// 4. `v1.<iv>.<ciphertext>.<tag>` (TOTP keys and cookies before the key ring, lib/factors/seal.ts)
//    still opens: it names no key, so every secret of the ring is tried, and it is always stale.

const VERSION = "v2";
const LEGACY = "v1";

export type Opened = { ok: true; text: string; stale: boolean } | { ok: false; reason: "unknown-key" | "invalid" };

function keyFor(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "tobira-seal", `tobira:${purpose}`, 32));
}

const part = (value: Buffer) => value.toString("base64url");

export function seal(ring: KeyRing, purpose: string, plaintext: string, bind = ""): string {
  const header = `${VERSION}.${keyId(ring.current)}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(ring.current, purpose), iv);
  cipher.setAAD(Buffer.from(`${header}:${bind}`));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [header, part(iv), part(body), part(cipher.getAuthTag())].join(".");
}

function decrypt(key: Buffer, aad: string, iv: string, body: string, tag: string): string | undefined {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

/** Opens a value sealed for this purpose and binding with any secret of the ring. */
export function open(ring: KeyRing, purpose: string, sealed: string, bind = ""): Opened {
  const parts = sealed.split(".");
  if (parts[0] === VERSION && parts.length === 5) {
    const [, id, iv = "", body = "", tag = ""] = parts;
    const secret = secretsOf(ring).find((candidate) => keyId(candidate) === id);
    if (!secret) return { ok: false, reason: "unknown-key" };
    const text = decrypt(keyFor(secret, purpose), `${VERSION}.${id}:${bind}`, iv, body, tag);
    return text === undefined ? { ok: false, reason: "invalid" } : { ok: true, text, stale: secret !== ring.current };
  }
  if (parts[0] === LEGACY && parts.length === 4) {
    const [, iv = "", body = "", tag = ""] = parts;
    for (const secret of secretsOf(ring)) {
      const text = decrypt(keyFor(secret, purpose), bind, iv, body, tag);
      if (text !== undefined) return { ok: true, text, stale: true };
    }
    // Names no key: tampered, or sealed with a secret that is not in the ring any more.
    return { ok: false, reason: "invalid" };
  }
  return { ok: false, reason: "invalid" };
}

/** The key id of a sealed value (undefined for the legacy format, which names none). */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split(".");
  return parts[0] === VERSION && parts.length === 5 ? parts[1] : undefined;
}

/** How every value sealed with the current secret begins: what does not still needs sealing again. */
export function currentPrefix(ring: KeyRing): string {
  return `${VERSION}.${keyId(ring.current)}.`;
}

/** JSON with an expiry: for short-lived state held by the browser. */
export function sealState(ring: KeyRing, purpose: string, value: object, ttlSeconds: number, now = Date.now()): string {
  return seal(ring, purpose, JSON.stringify({ v: value, exp: Math.floor(now / 1000) + ttlSeconds }));
}

/** The value, or undefined when missing, not ours, tampered with or expired. */
export function openState(ring: KeyRing, purpose: string, sealed: string | undefined, now = Date.now()): unknown {
  if (!sealed) return undefined;
  const opened = open(ring, purpose, sealed);
  if (!opened.ok) return undefined;
  try {
    const parsed = JSON.parse(opened.text) as { v?: unknown; exp?: unknown };
    return typeof parsed.exp === "number" && parsed.exp > Math.floor(now / 1000) ? parsed.v : undefined;
  } catch {
    return undefined;
  }
}
