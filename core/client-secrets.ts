import crypto from "node:crypto";
import { promisify } from "node:util";

// Client secrets at rest. Every secret is kept as a scrypt hash, which is all that
// client_secret_basic / client_secret_post need (the core compares what the client sent).
// client_secret_jwt is different: the client signs its assertion with the secret as an HMAC key
// (RFC 7523, OIDC Core 9), so the server must hold the secret itself to verify it. For those
// clients only, the secret is also kept sealed (AES-256-GCM) under a key derived from
// TOBIRA_SECRET: a copy of the database alone reveals no usable secret, and changing
// TOBIRA_SECRET makes such clients need a new secret (PUT with client_secret).

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

const SEALED = "a256gcm";

/** `a256gcm$iv$ciphertext$tag`; the client id is bound in as associated data, so a sealed secret
 * copied onto another client's row does not open there. */
export function sealSecret(key: Buffer, clientId: string, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(clientId));
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [SEALED, iv, data, cipher.getAuthTag()].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join("$");
}

/** The secret, or undefined when it was sealed under another key (TOBIRA_SECRET changed) or altered. */
export function openSecret(key: Buffer, clientId: string, sealed: string): string | undefined {
  const [scheme, iv, data, tag] = sealed.split("$");
  if (scheme !== SEALED || !iv || !data || !tag) return undefined;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(clientId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
