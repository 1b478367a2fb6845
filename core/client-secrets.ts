import crypto from "node:crypto";
import { promisify } from "node:util";
import { secretsOf, type KeyRing } from "../common/key-ring";
import { open, seal } from "../common/seal";

// Client secrets at rest. Every secret is kept as a scrypt hash, which is all that
// client_secret_basic / client_secret_post need (the core compares what the client sent).
// client_secret_jwt is different: the client signs its assertion with the secret as an HMAC key
// (RFC 7523, OIDC Core 9), so the server must hold the secret itself to verify it. For those
// clients only, the secret is also kept sealed (common/seal.ts) with TOBIRA_SECRET and bound to
// the client id: a copy of the database alone reveals no usable secret. A secret sealed with one
// of TOBIRA_SECRET_PREVIOUS still opens and is sealed again at start (core/clients.ts resealSecrets); one that
// no secret of the ring opens makes that client need a new secret (PUT with client_secret).

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export async function hashSecret(secret: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(secret, salt, 32);
  return `scrypt$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

export async function verifySecret(secret: string, stored: string | undefined): Promise<boolean> {
  const [scheme, salt, hash] = stored?.split("$") ?? [];
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scrypt(secret, Buffer.from(salt, "base64url"), expected.length);
  return crypto.timingSafeEqual(expected, actual);
}

export function generateSecret(): string {
  return crypto.randomBytes(32).toString("base64url");
}

const PURPOSE = "core-client-secret";
/** The format before the key ring: `a256gcm$iv$ciphertext$tag` under an HMAC-derived key. */
const LEGACY = "a256gcm";

export function sealSecret(ring: KeyRing, clientId: string, secret: string): string {
  return seal(ring, PURPOSE, secret, clientId);
}

/** The secret and whether a previous secret of the ring sealed it; undefined when none of the
 * ring's secrets opens it, or it was altered or copied from another client. */
export function openSecret(ring: KeyRing, clientId: string, sealed: string): { secret: string; stale: boolean } | undefined {
  if (sealed.startsWith(`${LEGACY}$`)) {
    for (const secret of secretsOf(ring)) {
      const opened = openLegacy(crypto.createHmac("sha256", secret).update("tobira-core/client-secret-seal/v1").digest(), clientId, sealed);
      if (opened !== undefined) return { secret: opened, stale: true };
    }
    return undefined;
  }
  const opened = open(ring, PURPOSE, sealed, clientId);
  return opened.ok ? { secret: opened.text, stale: opened.stale } : undefined;
}

function openLegacy(key: Buffer, clientId: string, sealed: string): string | undefined {
  const [, iv, data, tag] = sealed.split("$");
  if (!iv || !data || !tag) return undefined;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(clientId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
