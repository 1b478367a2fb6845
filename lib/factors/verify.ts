import "server-only";
import type { Method } from "@/lib/assurance";
import { countFactorCheck, type FactorMethod } from "@/lib/metrics";
import type { Factors } from "./store";
import { parseAuthentication, verifyAuthentication } from "./webauthn";

// The one place a second factor is checked, for the sign-in step and the security page alike:
// codes (authenticator app or recovery) count towards the account's lock whichever screen they
// were typed on, and a passkey proves only the account it belongs to. A store failure is an
// answer ("internal": the translated "try again"), never an exception that becomes a 500.

export type FactorFailure = "locked" | "wrongCode" | "passkeyFailed" | "internal";
export type FactorCheck = { ok: true; method: Method } | { ok: false; error: FactorFailure };

/** Throttle key of one account's second-factor attempts. */
export const factorThrottleKey = (accountId: string) => `second-factor:${accountId}`;

async function guarded<T>(what: string, check: () => Promise<T>): Promise<T | { ok: false; error: "internal" }> {
  try {
    return await check();
  } catch (error) {
    console.error(`second factor: ${what} failed`, error);
    return { ok: false, error: "internal" };
  }
}

const results: Record<FactorFailure, "wrong" | "locked" | "internal"> = { locked: "locked", wrongCode: "wrong", passkeyFailed: "wrong", internal: "internal" };

/** Counts a check's result (lib/metrics), whichever screen it was made on. */
async function counted<T extends { ok: true } | { ok: false; error: FactorFailure }>(method: FactorMethod, check: Promise<T>): Promise<T> {
  const result = await check;
  countFactorCheck(method, result.ok ? "succeeded" : results[result.error]);
  return result;
}

/** A code from an authenticator app or a recovery code, for `accountId`. */
export function verifyCode(factors: Factors, accountId: string, method: "totp" | "recovery", code: string): Promise<FactorCheck> {
  return counted(method, guarded("code check", async (): Promise<FactorCheck> => {
    // A key that opens with no secret of the ring (TOBIRA_SECRET changed without
    // TOBIRA_SECRET_PREVIOUS) cannot tell a right code from a wrong one: the operator's mistake
    // is answered with "try again" and costs the person no attempt.
    const readable = method === "recovery" ? await factors.recovery.readable(accountId) : await factors.totp.readable(accountId);
    if (!readable) {
      console.error(`second factor: a ${method === "recovery" ? "recovery-code key" : "TOTP key"} of account ${accountId} opens with no secret of TOBIRA_SECRET / TOBIRA_SECRET_PREVIOUS (was the secret changed without keeping the old one?)`);
      return { ok: false, error: "internal" };
    }
    // Counted before the code is checked, so a burst of parallel guesses gets no more tries than
    // one at a time would (lib/identity/limits.ts).
    const reserved = await factors.throttle.reserve(factorThrottleKey(accountId));
    if (!reserved.ok) return { ok: false, error: "locked" };
    // Recovery codes stand in for an app or a passkey the person lost: an account without one
    // has nothing they could stand in for, and must not reach level 3 with them.
    const valid =
      method === "recovery" ? (await hasSecondFactor(factors, accountId)) && (await factors.recovery.use(accountId, code)) : await factors.totp.verify(accountId, code);
    const after = await reserved.settle(valid);
    if (!valid) return { ok: false, error: after.locked ? "locked" : "wrongCode" };
    return { ok: true, method: { kind: method } };
  }));
}

export type PasskeyCheck = { ok: true; accountId: string; method: Method } | { ok: false; error: FactorFailure };

/**
 * The authenticator's answer to a ceremony whose challenge was `expected`. With `accountId`, only
 * that account's passkeys count; without (sign-in with a passkey alone), the passkey names the
 * account. A verified passkey's counter is stored, so a cloned authenticator shows.
 */
export function verifyPasskey(factors: Factors, input: { response: unknown; expected: string | undefined; accountId?: string }): Promise<PasskeyCheck> {
  const check = guarded("passkey check", async (): Promise<PasskeyCheck> => {
    const assertion = parseAuthentication(input.response);
    if (!input.expected || !assertion) return { ok: false, error: "passkeyFailed" };
    const passkey = await factors.passkeys.find(assertion.id);
    if (!passkey || (input.accountId !== undefined && passkey.accountId !== input.accountId)) return { ok: false, error: "passkeyFailed" };
    const verified = await verifyAuthentication(assertion, input.expected, passkey);
    if (!verified) return { ok: false, error: "passkeyFailed" };
    await factors.passkeys.used(passkey.id, verified.counter, verified.backedUp);
    return { ok: true, accountId: passkey.accountId, method: { kind: "passkey", deviceBound: !verified.backedUp } };
  });
  // A passkey on its own is a first factor: counted as a sign-in, not here.
  return input.accountId === undefined ? check : counted("passkey", check);
}

/** Whether the account has an authenticator app or a passkey (recovery codes alone do not count). */
export async function hasSecondFactor(factors: Factors, accountId: string): Promise<boolean> {
  const summary = await factors.summary(accountId);
  return summary.totp.length + summary.passkeys.length > 0;
}
