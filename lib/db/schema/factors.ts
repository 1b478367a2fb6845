import type { Kysely, Migration } from "kysely";

// Second factors, kept in the identity store beside the accounts they belong to (deleted with
// them). Times are integer seconds, booleans integers (lib/db/schema/identity.ts).

export interface TotpFactorsTable {
  id: string;
  account_id: string;
  name: string;
  /** The key, sealed with AES-256-GCM (common/seal.ts), bound to the account id. */
  secret: string;
  /** The last time step accepted: a code is accepted once (RFC 6238 §5.2). */
  last_step: number;
  created_at: number;
  last_used_at: number | null;
}

export interface PasskeysTable {
  /** The WebAuthn credential id, base64url. */
  id: string;
  account_id: string;
  name: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of AuthenticatorTransport. */
  transports: string;
  /** 1 when the credential may be synced to other devices (a software key, amr "swk"). */
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
}

export interface RecoveryCodesTable {
  id: string;
  account_id: string;
  /** HMAC-SHA-256 of the code under its set's key (lib/factors/recovery.ts). */
  code_hash: string;
  /** The set's HMAC key, sealed (common/seal.ts) and bound to the account id; the same on every
   * row of a set. Null on sets made before 0012 until adopted: their key is derived from the
   * secret of the time (lib/factors/store.ts). */
  key_sealed: string | null;
  used_at: number | null;
  created_at: number;
}

/** How each authorization-server login session was authenticated, learned at consent, so that a
 * later step-up asks only for what the session lacks. */
export interface LoginSessionsTable {
  session_id: string;
  subject: string;
  acr: string | null;
  /** JSON array of amr values. */
  amr: string;
  updated_at: number;
}

export interface FactorTables {
  totp_factors: TotpFactorsTable;
  passkeys: PasskeysTable;
  recovery_codes: RecoveryCodesTable;
  login_sessions: LoginSessionsTable;
}

export const factorMigrations: Record<string, Migration> = {
  "0006_second_factors": {
    async up(db: Kysely<unknown>) {
      const owned = (table: string) =>
        db.schema
          .createTable(table)
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"));
      await owned("totp_factors")
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("secret", "text", (c) => c.notNull())
        .addColumn("last_step", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_used_at", "bigint")
        .execute();
      await owned("passkeys")
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("public_key", "text", (c) => c.notNull())
        .addColumn("counter", "bigint", (c) => c.notNull())
        .addColumn("transports", "text", (c) => c.notNull())
        .addColumn("backed_up", "integer", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_used_at", "bigint")
        .execute();
      await owned("recovery_codes")
        .addColumn("code_hash", "text", (c) => c.notNull())
        .addColumn("used_at", "bigint")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      for (const table of ["totp_factors", "passkeys", "recovery_codes"]) {
        await db.schema.createIndex(`${table}_account`).on(table).column("account_id").execute();
      }
      await db.schema
        .createTable("factor_attempts")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("window_started", "bigint", (c) => c.notNull())
        .addColumn("locked_until", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("login_sessions")
        .addColumn("session_id", "text", (c) => c.primaryKey())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("acr", "text")
        .addColumn("amr", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
  // Second-factor attempts are counted with the sign-in ones in login_throttle
  // (lib/identity/limits.ts: one limit, counted before the check).
  "0008_one_attempt_limit": {
    async up(db: Kysely<unknown>) {
      await db.schema.dropTable("factor_attempts").ifExists().execute();
    },
  },
  // Recovery codes keep their set's key sealed, so that a new TOBIRA_SECRET re-seals it instead
  // of losing the codes (README "Rotating the secret").
  "0012_recovery_code_keys": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("recovery_codes").addColumn("key_sealed", "text").execute();
    },
  },
};
