import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Authenticated encryption (AES-256-GCM) for what Tobira keeps secret at rest or hands to the
// browser to hold: TOTP keys in the database, pending sign-in and enrolment state in cookies and
// hidden fields. Each purpose has its own key derived from TOBIRA_SECRET with HKDF (RFC 5869), so
// a value sealed for one purpose never opens as another; `bind` (e.g. an account id) is
// authenticated too, so a value moved to another account does not open either.

const VERSION = "v1";

function keyFor(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "tobira-seal", `tobira:${purpose}`, 32));
}

export function sealText(secret: string, purpose: string, plaintext: string, bind = ""): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret, purpose), iv);
  cipher.setAAD(Buffer.from(bind));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The plaintext, or undefined when the value was not sealed by us for this purpose and binding. */
export function openText(secret: string, purpose: string, sealed: string, bind = ""): string | undefined {
  const [version, iv, body, tag, extra] = sealed.split(".");
  if (version !== VERSION || !iv || body === undefined || !tag || extra !== undefined) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret, purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(bind));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

/** JSON with an expiry: for short-lived state held by the browser. */
export function sealState(secret: string, purpose: string, value: object, ttlSeconds: number, now = Date.now()): string {
  return sealText(secret, purpose, JSON.stringify({ v: value, exp: Math.floor(now / 1000) + ttlSeconds }));
}

export function openState(secret: string, purpose: string, sealed: string | undefined, now = Date.now()): unknown {
  if (!sealed) return undefined;
  const text = openText(secret, purpose, sealed);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as { v?: unknown; exp?: unknown };
    return typeof parsed.exp === "number" && parsed.exp > Math.floor(now / 1000) ? parsed.v : undefined;
  } catch {
    return undefined;
  }
}
