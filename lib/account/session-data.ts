import { z } from "zod";

// What the account area's two cookies hold (sealed by lib/account/session.ts with common/seal.ts),
// and the rules read from them: how fresh a password must be, where a sign-in may return to.

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
