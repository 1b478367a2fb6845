import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { nowSeconds, type Engine } from "@/common/db/connect";
import { countThrottled } from "@/lib/metrics";
import type { IdentityDB } from "../db/schema";

// The one limit on guesses (passwords at sign-in, second-factor and recovery codes, the security
// page's password): NIST SP 800-63B §5.2.2.
// 1. An attempt is counted *before* it is checked, in a transaction that reads and writes its
//    counter under a row lock: of a burst of parallel guesses none passes a check that the
//    others' failures should have closed, and none of their increments is lost.
// 2. The first `free` failures cost nothing; each further one locks the key for a delay that
//    doubles, up to `maxDelay`. The lock an attempt would earn by failing is set when it is
//    counted, so the next parallel guess already finds the key locked.
// 3. A success clears the key (`clearOnSuccess`) or gives its count back (a shared address must
//    not lock out the people behind it for signing in correctly).
// 4. A counter is forgotten `forgetAfter` seconds after its last counted attempt.
// 5. Keys are stored hashed: a user name field sometimes receives a password by mistake.
// 6. An attempt refused because a key is locked is counted per kind of key (lib/metrics).

export interface LimitRule {
  free: number;
  baseDelay: number;
  maxDelay: number;
  forgetAfter: number;
  /** On success: delete the counter (an account), or only give this attempt back (an address). */
  clearOnSuccess: boolean;
}

export interface Limited {
  /** What is limited and who, e.g. ["account", "alice"] or ["second-factor", accountId]. */
  kind: string;
  value: string;
  rule: LimitRule;
}

export type LimitState = { locked: false } | { locked: true; retryAt: Date };

export type Reservation =
  | { ok: false; state: LimitState }
  | {
      ok: true;
      /** Reports how the attempt went; after a failure, the lock it earned (if any). */
      settle(success: boolean): Promise<LimitState>;
    };

const keyOf = ({ kind, value }: Pick<Limited, "kind" | "value">) => createHash("sha256").update(`${kind}:${value}`).digest("base64url");

/** The lock a given failure count earns (0 while still free). */
export function delayFor(rule: LimitRule, failures: number): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.baseDelay * 2 ** (failures - rule.free - 1), rule.maxDelay);
}

export function limitsIn(db: Kysely<IdentityDB>, engine: Engine, now: () => number = nowSeconds) {
  // PostgreSQL locks the counter rows; SQLite has one writer at a time (and no FOR UPDATE).
  const rowLock = engine === "postgres";
  const state = (until: number): LimitState => (until > now() ? { locked: true, retryAt: new Date(until * 1000) } : { locked: false });

  return {
    /** Counts an attempt on every key, or none when one of them is locked. */
    async reserve(limited: readonly Limited[]): Promise<Reservation> {
      const at = now();
      const counted = await db.transaction().execute(async (tx) => {
        const rows = [];
        for (const entry of limited) {
          const key = keyOf(entry);
          // The row exists before it is locked, so first attempts do not race on the insert.
          await tx
            .insertInto("login_throttle")
            .values({ key, failures: 0, last_failure_at: at, locked_until: 0 })
            .onConflict((oc) => oc.column("key").doNothing())
            .execute();
          const row = await tx.selectFrom("login_throttle").selectAll().where("key", "=", key).$if(rowLock, (q) => q.forUpdate()).executeTakeFirstOrThrow();
          rows.push({ entry, key, row });
        }
        const lockedRows = rows.filter(({ row }) => Number(row.locked_until) > at);
        if (lockedRows.length) return { locked: Math.max(...lockedRows.map(({ row }) => Number(row.locked_until))), kinds: lockedRows.map(({ entry }) => entry.kind) };
        const written = [];
        for (const { entry, key, row } of rows) {
          const stale = Number(row.last_failure_at) + entry.rule.forgetAfter < at;
          const failures = (stale ? 0 : Number(row.failures)) + 1;
          const delay = delayFor(entry.rule, failures);
          const until = delay > 0 ? at + delay : 0;
          await tx.updateTable("login_throttle").set({ failures, last_failure_at: at, locked_until: until }).where("key", "=", key).execute();
          written.push({ entry, key, until });
        }
        return { written };
      });
      const { written } = counted;
      if (!written) {
        for (const kind of counted.kinds ?? []) countThrottled(kind);
        return { ok: false, state: state(counted.locked ?? 0) };
      }
      return {
        ok: true,
        async settle(success) {
          if (!success) return state(Math.max(0, ...written.map((w) => w.until)));
          for (const { entry, key, until } of written) {
            if (entry.rule.clearOnSuccess) {
              await db.deleteFrom("login_throttle").where("key", "=", key).execute();
              continue;
            }
            // Give the attempt back; lift the lock only if it is still the one this attempt set.
            await db.transaction().execute(async (tx) => {
              const row = await tx.selectFrom("login_throttle").selectAll().where("key", "=", key).$if(rowLock, (q) => q.forUpdate()).executeTakeFirst();
              if (!row) return;
              await tx
                .updateTable("login_throttle")
                .set({ failures: Math.max(0, Number(row.failures) - 1), locked_until: Number(row.locked_until) === until ? 0 : Number(row.locked_until) })
                .where("key", "=", key)
                .execute();
            });
          }
          return { locked: false };
        },
      };
    },

    /** Whether any of the keys is locked now (counts nothing). */
    async check(limited: readonly Limited[]): Promise<LimitState> {
      const rows = await Promise.all(
        limited.map((entry) => db.selectFrom("login_throttle").select("locked_until").where("key", "=", keyOf(entry)).executeTakeFirst()),
      );
      return state(Math.max(0, ...rows.map((row) => Number(row?.locked_until ?? 0))));
    },

    /** Forgets a key (an account's sign-in counter after a password reset by mail). */
    async clear(entry: Pick<Limited, "kind" | "value">): Promise<void> {
      await db.deleteFrom("login_throttle").where("key", "=", keyOf(entry)).execute();
    },
  };
}

export type Limits = ReturnType<typeof limitsIn>;
