import type { TokenPurpose, Tokens } from "@/lib/identity/tokens";
import type { Factors } from "./store";

// The check of a code mailed for a first second factor (./first-factor.ts, rules 2 and 3).

export const FIRST_FACTOR_CODE_DIGITS = 8;
export const FIRST_FACTOR_PURPOSE: TokenPurpose = "first_factor";

export type CodeCheck = { ok: true } | { ok: false; error: "wrongCode" | "locked" };

/** Throttle key of one account's guesses at its first-factor code. */
export const firstFactorThrottleKey = (accountId: string) => `first-factor-mail:${accountId}`;

/** Checks a mailed code for the account: counted before it is checked (rule 3), used once. */
export async function checkFirstFactorCode(tokens: Tokens, factors: Factors, accountId: string, typed: string): Promise<CodeCheck> {
  const reserved = await factors.throttle.reserve(firstFactorThrottleKey(accountId));
  if (!reserved.ok) return { ok: false, error: "locked" };
  // As pasted from the mail, or typed with full-width digits (NFKC makes them ASCII).
  const code = typed.normalize("NFKC").replace(/[\s-]/g, "");
  const valid = new RegExp(`^\\d{${FIRST_FACTOR_CODE_DIGITS}}$`).test(code) && (await tokens.consumeCode(FIRST_FACTOR_PURPOSE, accountId, code)).ok;
  const after = await reserved.settle(valid);
  if (!valid) return { ok: false, error: after.locked ? "locked" : "wrongCode" };
  return { ok: true };
}

