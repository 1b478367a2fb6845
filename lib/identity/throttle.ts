import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { nowSeconds } from "@/common/db/connect";
import type { IdentityDB } from "../db/schema";

// Sign-in throttling (NIST SP 800-63B §5.2.2, OWASP Authentication Cheat Sheet):
// 1. failures are counted per account name (whether or not the account exists, so that the
//    answer never tells which names exist) and per client address;
// 2. the first `free` failures cost nothing; each further one locks that key for a delay that
//    doubles, up to `maxDelay`;
// 3. counters are forgotten `forgetAfter` seconds after the last failure; a successful sign-in
//    clears the account's counter (not the address's);
// 4. keys are stored hashed: a user name field sometimes receives a password by mistake.
// The counters live in the identity database, so every UI instance sharing it sees them.

export interface ThrottleRule {
  free: number;
  baseDelay: number;
  maxDelay: number;
}

export interface ThrottlePolicy {
  account: ThrottleRule;
  address: ThrottleRule;
  forgetAfter: number;
}

export const DEFAULT_POLICY: ThrottlePolicy = {
  account: { free: 4, baseDelay: 30, maxDelay: 15 * 60 },
  address: { free: 50, baseDelay: 60, maxDelay: 60 * 60 },
  forgetAfter: 60 * 60,
};

export interface ThrottleSubject {
  /** The account name as typed (normalised by the caller). */
  account: string;
  address: string;
}

export type ThrottleState = { locked: false } | { locked: true; retryAt: Date };

const keyOf = (kind: "account" | "address", value: string) =>
  createHash("sha256").update(`${kind}:${value}`).digest("base64url");

/** The lock a given failure count earns (0 when still free). */
export function delayFor(rule: ThrottleRule, failures: number): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.baseDelay * 2 ** (failures - rule.free - 1), rule.maxDelay);
}

export function throttleIn(db: Kysely<IdentityDB>, policy: ThrottlePolicy = DEFAULT_POLICY, now: () => number = nowSeconds) {
  const keys = (subject: ThrottleSubject) =>
    [
      { key: keyOf("account", subject.account), rule: policy.account },
      { key: keyOf("address", subject.address), rule: policy.address },
    ] as const;

  async function lockedUntil(key: string): Promise<number> {
    const row = await db.selectFrom("login_throttle").select(["locked_until"]).where("key", "=", key).executeTakeFirst();
    return row ? Number(row.locked_until) : 0;
  }

  function state(until: number): ThrottleState {
    return until > now() ? { locked: true, retryAt: new Date(until * 1000) } : { locked: false };
  }

  return {
    /** Whether a sign-in may be tried now. */
    async check(subject: ThrottleSubject): Promise<ThrottleState> {
      const until = Math.max(...(await Promise.all(keys(subject).map(({ key }) => lockedUntil(key)))));
      return state(until);
    },

    /** Counts a failed sign-in; answers the lock it caused, if any. */
    async recordFailure(subject: ThrottleSubject): Promise<ThrottleState> {
      const at = now();
      let until = 0;
      for (const { key, rule } of keys(subject)) {
        const row = await db.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
        const stale = !row || Number(row.last_failure_at) + policy.forgetAfter < at;
        const failures = (stale ? 0 : Number(row.failures)) + 1;
        const delay = delayFor(rule, failures);
        const lockedUntil = delay > 0 ? at + delay : 0;
        await db
          .insertInto("login_throttle")
          .values({ key, failures, last_failure_at: at, locked_until: lockedUntil })
          .onConflict((oc) => oc.column("key").doUpdateSet({ failures, last_failure_at: at, locked_until: lockedUntil }))
          .execute();
        until = Math.max(until, lockedUntil);
      }
      return state(until);
    },

    async recordSuccess(subject: ThrottleSubject): Promise<void> {
      await db.deleteFrom("login_throttle").where("key", "=", keyOf("account", subject.account)).execute();
    },

    /** Clears an account's counter (after a password reset by mail). */
    async clearAccount(account: string): Promise<void> {
      await db.deleteFrom("login_throttle").where("key", "=", keyOf("account", account)).execute();
    },
  };
}

export type Throttle = ReturnType<typeof throttleIn>;
