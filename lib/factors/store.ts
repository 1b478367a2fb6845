import { timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { nowSeconds, type Engine } from "@/common/db/connect";
import { secretsOf, type KeyRing } from "@/common/key-ring";
import type { IdentityDB } from "@/lib/db/schema";
import { limitsIn, type LimitRule, type LimitState } from "@/lib/identity/limits";
import { hashRecoveryCode, legacyRecoveryKey, looksLikeRecoveryCode, newRecoveryCodes, newRecoveryKey } from "./recovery";
import { openRecoveryKey, openTotpKey, sealRecoveryKey, sealTotpKey } from "./sealed";
import { matchTotp } from "./totp";

// The second factors of each account. Verification is atomic where a race would let a code count
// twice: the TOTP step and the recovery code are consumed by a conditional UPDATE. Keys sealed
// with a previous secret of the ring open, and are sealed again with the current one when they
// are used (README "Rotating the secret"; lib/factors/reseal.ts does the rest at start).

export interface FactorInfo {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt?: Date;
}

export interface Passkey extends FactorInfo {
  accountId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  backedUp: boolean;
}

export interface FactorSummary {
  totp: FactorInfo[];
  passkeys: FactorInfo[];
  recoveryRemaining: number;
}

export type Throttle = LimitState;

/** Throttling of second-factor attempts: five failures within fifteen minutes lock the key for
 * fifteen minutes (a 6-digit code then survives guessing for years, NIST SP 800-63B §5.2.2). */
export const THROTTLE = { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

/** THROTTLE as a rule of lib/identity/limits.ts: a success clears the key. */
const FACTOR_RULE: LimitRule = {
  free: THROTTLE.maxFailures - 1,
  baseDelay: THROTTLE.lockSeconds,
  maxDelay: THROTTLE.lockSeconds,
  forgetAfter: THROTTLE.windowSeconds,
  clearOnSuccess: true,
};

const date = (seconds: number | string | null) => (seconds === null ? undefined : new Date(Number(seconds) * 1000));
const info = (row: { id: string; name: string; created_at: number | string; last_used_at: number | string | null }): FactorInfo => ({
  id: row.id,
  name: row.name,
  createdAt: new Date(Number(row.created_at) * 1000),
  lastUsedAt: date(row.last_used_at),
});

/** A second factor just proven by its owner, to be stored (`enrol`). */
export type NewFactor =
  | { kind: "totp"; name: string; key: Uint8Array; usedStep: number }
  | { kind: "passkey"; passkey: NewPasskey };

export interface NewPasskey {
  id: string;
  name: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  backedUp: boolean;
}

type RecoveryRow = Pick<IdentityDB["recovery_codes"], "id" | "code_hash" | "key_sealed">;

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function factorsIn(db: Kysely<IdentityDB>, ring: KeyRing, engine: Engine, now: () => number = nowSeconds) {
  /** The keys a code could be hashed under, for each set key among `rows`: a set made before the
   * ring (no sealed key) under the key derived from any secret of the ring. */
  const recoveryKeys = (accountId: string, rows: readonly RecoveryRow[]) => {
    const keys: { sealed: string | null; key: Uint8Array; stale: boolean }[] = [];
    for (const sealed of new Set(rows.map((row) => row.key_sealed))) {
      if (sealed === null) {
        for (const secret of secretsOf(ring)) keys.push({ sealed, key: legacyRecoveryKey(secret), stale: true });
        continue;
      }
      const opened = openRecoveryKey(ring, accountId, sealed);
      if (opened.ok) keys.push({ sealed, key: opened.key, stale: opened.stale });
    }
    return keys;
  };

  // Each write takes the executor it runs on: the database, or the transaction of `enrol`.
  const insertTotp = async (q: Kysely<IdentityDB>, accountId: string, name: string, key: Uint8Array, usedStep: number) => {
    const id = crypto.randomUUID();
    await q
      .insertInto("totp_factors")
      .values({
        id,
        account_id: accountId,
        name,
        secret: sealTotpKey(ring, accountId, key),
        last_step: usedStep,
        created_at: nowSeconds(),
        last_used_at: nowSeconds(),
      })
      .execute();
    return id;
  };
  const insertPasskey = async (q: Kysely<IdentityDB>, accountId: string, passkey: NewPasskey) => {
    await q
      .insertInto("passkeys")
      .values({
        id: passkey.id,
        account_id: accountId,
        name: passkey.name,
        public_key: Buffer.from(passkey.publicKey).toString("base64url"),
        counter: passkey.counter,
        transports: JSON.stringify(passkey.transports),
        backed_up: passkey.backedUp ? 1 : 0,
        created_at: nowSeconds(),
        last_used_at: null,
      })
      .execute();
  };
  const replaceCodes = async (q: Kysely<IdentityDB>, accountId: string) => {
    const codes = newRecoveryCodes();
    const key = newRecoveryKey();
    const keySealed = sealRecoveryKey(ring, accountId, key);
    const created = nowSeconds();
    await q.deleteFrom("recovery_codes").where("account_id", "=", accountId).execute();
    await q
      .insertInto("recovery_codes")
      .values(codes.map((code) => ({ id: crypto.randomUUID(), account_id: accountId, code_hash: hashRecoveryCode(key, code), key_sealed: keySealed, used_at: null, created_at: created })))
      .execute();
    return codes;
  };
  const codesLeft = async (q: Kysely<IdentityDB>, accountId: string) => {
    const row = await q
      .selectFrom("recovery_codes")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("account_id", "=", accountId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };
  const factorCount = async (q: Kysely<IdentityDB>, accountId: string) => {
    const [apps, keys] = await Promise.all([
      q.selectFrom("totp_factors").select((eb) => eb.fn.countAll<number>().as("count")).where("account_id", "=", accountId).executeTakeFirstOrThrow(),
      q.selectFrom("passkeys").select((eb) => eb.fn.countAll<number>().as("count")).where("account_id", "=", accountId).executeTakeFirstOrThrow(),
    ]);
    return Number(apps.count) + Number(keys.count);
  };

  const totp = {
    async list(accountId: string): Promise<FactorInfo[]> {
      const rows = await db.selectFrom("totp_factors").selectAll().where("account_id", "=", accountId).orderBy("created_at").execute();
      return rows.map(info);
    },
    /** False when one of the account's keys opens with no secret of the ring (TOBIRA_SECRET
     * changed without TOBIRA_SECRET_PREVIOUS): its codes cannot be checked, which is not the
     * person's fault. */
    async readable(accountId: string): Promise<boolean> {
      const rows = await db.selectFrom("totp_factors").select("secret").where("account_id", "=", accountId).execute();
      return rows.every((row) => openTotpKey(ring, accountId, row.secret).ok);
    },
    /** Stores a confirmed key; `usedStep` is the step of the code that confirmed it. */
    add: (accountId: string, name: string, key: Uint8Array, usedStep: number): Promise<string> => insertTotp(db, accountId, name, key, usedStep),
    /** True when the code is current for one of the account's keys and was not used before. */
    async verify(accountId: string, code: string, now = nowSeconds()): Promise<boolean> {
      const rows = await db.selectFrom("totp_factors").selectAll().where("account_id", "=", accountId).execute();
      for (const row of rows) {
        const opened = openTotpKey(ring, accountId, row.secret);
        const step = opened.ok && matchTotp(opened.key, code, now, Number(row.last_step));
        if (!opened.ok || typeof step !== "number") continue;
        const consumed = await db
          .updateTable("totp_factors")
          .set({ last_step: step, last_used_at: nowSeconds(), ...(opened.stale ? { secret: sealTotpKey(ring, accountId, opened.key) } : {}) })
          .where("id", "=", row.id)
          .where("last_step", "<", step)
          .executeTakeFirst();
        if (Number(consumed.numUpdatedRows) === 1) return true;
      }
      return false;
    },
  };

  const passkeys = {
    async list(accountId: string): Promise<Passkey[]> {
      const rows = await db.selectFrom("passkeys").selectAll().where("account_id", "=", accountId).orderBy("created_at").execute();
      return rows.map(toPasskey);
    },
    async find(credentialId: string): Promise<Passkey | undefined> {
      const row = await db.selectFrom("passkeys").selectAll().where("id", "=", credentialId).executeTakeFirst();
      return row ? toPasskey(row) : undefined;
    },
    add: (accountId: string, passkey: NewPasskey): Promise<void> => insertPasskey(db, accountId, passkey),
    async used(credentialId: string, counter: number, backedUp: boolean) {
      await db
        .updateTable("passkeys")
        .set({ counter, backed_up: backedUp ? 1 : 0, last_used_at: nowSeconds() })
        .where("id", "=", credentialId)
        .execute();
    },
  };

  const recovery = {
    /** A new set of codes; the previous set stops working. */
    replace: (accountId: string): Promise<string[]> => db.transaction().execute((tx) => replaceCodes(tx, accountId)),
    /** False when the key of the account's set opens with no secret of the ring (see totp.readable). */
    async readable(accountId: string): Promise<boolean> {
      const rows = await db.selectFrom("recovery_codes").select("key_sealed").distinct().where("account_id", "=", accountId).where("used_at", "is", null).execute();
      return rows.every((row) => row.key_sealed === null || openRecoveryKey(ring, accountId, row.key_sealed).ok);
    },
    async use(accountId: string, code: string): Promise<boolean> {
      if (!looksLikeRecoveryCode(code)) return false;
      const rows = await db
        .selectFrom("recovery_codes")
        .select(["id", "code_hash", "key_sealed"])
        .where("account_id", "=", accountId)
        .where("used_at", "is", null)
        .execute();
      for (const { sealed, key, stale } of recoveryKeys(accountId, rows)) {
        const hash = hashRecoveryCode(key, code);
        const row = rows.find((candidate) => candidate.key_sealed === sealed && sameHash(candidate.code_hash, hash));
        if (!row) continue;
        const used = await db.updateTable("recovery_codes").set({ used_at: nowSeconds() }).where("id", "=", row.id).where("used_at", "is", null).executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) return false;
        // The set's key, sealed with the current secret from now on (a set made before the ring
        // gets its derived key sealed, so it stops depending on that secret).
        if (stale) {
          await db
            .updateTable("recovery_codes")
            .set({ key_sealed: sealRecoveryKey(ring, accountId, key) })
            .where("account_id", "=", accountId)
            .where((eb) => (sealed === null ? eb("key_sealed", "is", null) : eb("key_sealed", "=", sealed)))
            .execute();
        }
        return true;
      }
      return false;
    },
    remaining: (accountId: string): Promise<number> => codesLeft(db, accountId),
  };

  const limits = limitsIn(db, engine, now);
  const limited = (key: string) => [{ kind: "second-factor", value: key, rule: FACTOR_RULE }];
  const throttle = {
    /** Counts an attempt before the code is checked; refused while the key is locked. */
    reserve: (key: string) => limits.reserve(limited(key)),
    check: (key: string) => limits.check(limited(key)),
  };

  const sessions = {
    async remember(sessionId: string, subject: string, acr: string | undefined, amr: readonly string[]) {
      const values = { subject, acr: acr ?? null, amr: JSON.stringify(amr), updated_at: nowSeconds() };
      const updated = await db.updateTable("login_sessions").set(values).where("session_id", "=", sessionId).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        await db
          .insertInto("login_sessions")
          .values({ session_id: sessionId, ...values })
          .onConflict((oc) => oc.column("session_id").doUpdateSet(values))
          .execute();
      }
    },
    async find(sessionId: string): Promise<{ subject: string; acr?: string; amr: string[] } | undefined> {
      const row = await db.selectFrom("login_sessions").selectAll().where("session_id", "=", sessionId).executeTakeFirst();
      if (!row) return undefined;
      const amr = JSON.parse(row.amr) as unknown;
      return { subject: row.subject, acr: row.acr ?? undefined, amr: Array.isArray(amr) ? amr.filter((v): v is string => typeof v === "string") : [] };
    },
  };

  return {
    totp,
    passkeys,
    recovery,
    throttle,
    sessions,
    /**
     * Stores a factor its owner just proved, with a new set of recovery codes when it is the
     * account's first factor or none of its codes are left, in one transaction: a crash in
     * between cannot leave a factor whose codes were never made (or shown). Returns the new
     * codes to show, or none when the account keeps its set.
     */
    enrol: (accountId: string, factor: NewFactor): Promise<string[]> =>
      db.transaction().execute(async (tx) => {
        const first = (await factorCount(tx, accountId)) === 0;
        if (factor.kind === "totp") await insertTotp(tx, accountId, factor.name, factor.key, factor.usedStep);
        else await insertPasskey(tx, accountId, factor.passkey);
        return first || (await codesLeft(tx, accountId)) === 0 ? replaceCodes(tx, accountId) : [];
      }),
    async summary(accountId: string): Promise<FactorSummary> {
      const [t, p, r] = await Promise.all([totp.list(accountId), passkeys.list(accountId), recovery.remaining(accountId)]);
      return { totp: t, passkeys: p.map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt })), recoveryRemaining: r };
    },
    /** Renames one of the account's factors; false when it is not theirs. */
    async rename(accountId: string, kind: "totp" | "passkey", id: string, name: string): Promise<boolean> {
      const table = kind === "totp" ? "totp_factors" : "passkeys";
      const result = await db.updateTable(table).set({ name }).where("id", "=", id).where("account_id", "=", accountId).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async remove(accountId: string, kind: "totp" | "passkey", id: string): Promise<boolean> {
      const table = kind === "totp" ? "totp_factors" : "passkeys";
      const result = await db.deleteFrom(table).where("id", "=", id).where("account_id", "=", accountId).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export type Factors = ReturnType<typeof factorsIn>;

function toPasskey(row: IdentityDB["passkeys"]): Passkey {
  const transports = JSON.parse(row.transports) as unknown;
  return {
    ...info(row),
    accountId: row.account_id,
    publicKey: new Uint8Array(Buffer.from(row.public_key, "base64url")),
    counter: Number(row.counter),
    transports: Array.isArray(transports) ? transports.filter((t): t is string => typeof t === "string") : [],
    backedUp: Number(row.backed_up) === 1,
  };
}
