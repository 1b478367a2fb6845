import crypto from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import { z } from "zod";

// The account area's cookies are JWE (dir + A256GCM) under a key derived from TOBIRA_SECRET, so
// the UI stays stateless and nobody can read or forge them. Each purpose has its own key.

export type Purpose = "account-session" | "account-flow";

export function deriveKey(secret: string, purpose: Purpose): Uint8Array {
  return new Uint8Array(crypto.createHmac("sha256", secret).update(`tobira-ui/${purpose}/v1`).digest());
}

/** A derived value that is not a key, e.g. the first-party client's secret. */
export function deriveSecret(secret: string, label: string): string {
  return crypto.createHmac("sha256", secret).update(`tobira-ui/${label}/v1`).digest("base64url");
}

export async function seal(payload: Record<string, unknown>, key: Uint8Array, ttlSeconds: number): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .encrypt(key);
}

/** The payload, validated; undefined when missing, tampered with, expired or of another shape. */
export async function unseal<S extends z.ZodType>(value: string | undefined, key: Uint8Array, schema: S): Promise<z.infer<S> | undefined> {
  if (!value) return undefined;
  try {
    const { payload } = await jwtDecrypt(value, key);
    const parsed = schema.safeParse(payload);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What the account area remembers about the signed-in person. */
export const accountSessionSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  /** When the person last entered a password (the ID token's auth_time), seconds. */
  authTime: z.number().int(),
  /** For RP-initiated logout (id_token_hint). */
  idToken: z.string().min(1),
  /** When this session began (ms): "sign out everywhere", a password reset or a disabled
   * account ends sessions begun before (lib/account/session.ts). */
  since: z.number().int(),
});

export type AccountSession = z.infer<typeof accountSessionSchema>;

/** The pending sign-in to the account area (authorization code + PKCE). */
export const accountFlowSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(1),
  returnTo: z.string(),
});

export type AccountFlow = z.infer<typeof accountFlowSchema>;

/** Sensitive actions need a password typed within this many seconds. */
export const REAUTH_MAX_AGE_SECONDS = 10 * 60;

export function isFresh(session: Pick<AccountSession, "authTime">, now = Math.floor(Date.now() / 1000)): boolean {
  return now - session.authTime <= REAUTH_MAX_AGE_SECONDS;
}

/** Only paths inside the account area: never an open redirect through `return`. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string") return "/account";
  return /^\/account(?:[/?#]|$)/.test(value) && !/[\\\s]/.test(value) && !value.startsWith("//") ? value : "/account";
}
