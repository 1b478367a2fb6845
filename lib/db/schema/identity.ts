import type { Kysely, Migration } from "kysely";

// The identity store's tables. Times are integer seconds (common/db/connect.ts); booleans are
// integers so one schema serves SQLite and PostgreSQL.

export interface AccountsTable {
  id: string;
  /** Lowercased; unique. */
  user_name: string;
  email: string | null;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  password_hash: string | null;
  /** 1 active, 0 disabled. */
  active: number;
  created_at: number;
  updated_at: number;
  // 0002: the rest of the OIDC standard claims (OIDC Core 5.1) and SCIM's externalId.
  external_id: string | null;
  /** 1 when the person proved they receive mail at `email`. */
  email_verified: number;
  phone_number: string | null;
  phone_number_verified: number;
  locale: string | null;
  zoneinfo: string | null;
  birthdate: string | null;
  /** JSON of Address (OIDC Core 5.1.1), or null. */
  address: string | null;
  // 0009: account-area sessions begun before this time (ms) are over (sign out everywhere, a
  // password reset, a SCIM disable).
  sessions_valid_after: number;
}

/** Single-use links sent by mail (email verification, password reset). Only a SHA-256 of the
 * token is stored, so a copy of the database does not hold usable links. */
export interface AccountTokensTable {
  token_hash: string;
  purpose: string;
  account_id: string | null;
  /** JSON; what the purpose needs when the link is used (e.g. a pending registration). */
  payload: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

/** Attempt counters per hashed key (an account name, a client address, an account's second
 * factor or security-page password): lib/identity/limits.ts. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: number;
  locked_until: number;
}

export interface SecurityEventsTable {
  id: string;
  /** The account the event belongs to (accounts.id; kept after the account is deleted). */
  subject: string;
  /** sign_in | signed_out | consent_granted | consent_revoked | consent_revoked_all | consent_ended | signed_out_everywhere */
  kind: string;
  client_id: string | null;
  /** The app's name when the event happened (it may change or be deleted later). */
  client_name: string | null;
  /** The client address, masked to its network (never the full address). */
  network: string | null;
  created_at: number;
}

export interface IdentityTables {
  accounts: AccountsTable;
  security_events: SecurityEventsTable;
  account_tokens: AccountTokensTable;
  login_throttle: LoginThrottleTable;
}

export const identityMigrations: Record<string, Migration> = {
  "0001_accounts": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("accounts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_name", "text", (c) => c.notNull().unique())
        .addColumn("email", "text")
        .addColumn("given_name", "text")
        .addColumn("family_name", "text")
        .addColumn("display_name", "text")
        .addColumn("password_hash", "text")
        .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("accounts_email").on("accounts").column("email").execute();
    },
  },
  "0002_security_events": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("security_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("client_id", "text")
        .addColumn("client_name", "text")
        .addColumn("network", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("security_events_subject").on("security_events").columns(["subject", "created_at"]).execute();
    },
  },
  "0003_accounts_claims_tokens_throttle": {
    async up(db: Kysely<unknown>) {
      const columns: [string, "text" | "integer"][] = [
        ["external_id", "text"],
        ["phone_number", "text"],
        ["locale", "text"],
        ["zoneinfo", "text"],
        ["birthdate", "text"],
        ["address", "text"],
      ];
      for (const [name, type] of columns) await db.schema.alterTable("accounts").addColumn(name, type).execute();
      await db.schema.alterTable("accounts").addColumn("email_verified", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable("accounts").addColumn("phone_number_verified", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema
        .createTable("account_tokens")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("purpose", "text", (c) => c.notNull())
        .addColumn("account_id", "text")
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("used_at", "bigint")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("account_tokens_account").on("account_tokens").column("account_id").execute();
      await db.schema
        .createTable("login_throttle")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("last_failure_at", "bigint", (c) => c.notNull())
        .addColumn("locked_until", "bigint", (c) => c.notNull())
        .execute();
    },
  },
  "0009_account_sessions_valid_after": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("accounts").addColumn("sessions_valid_after", "bigint", (c) => c.notNull().defaultTo(0)).execute();
    },
  },
};
