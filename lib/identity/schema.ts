import type { Kysely, Migration } from "kysely";
import { factorMigrations, type FactorTables } from "@/lib/factors/schema";

// The identity store's tables. Times are integer seconds (lib/db/connect.ts); booleans are
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
}

export interface SecurityEventsTable {
  id: string;
  /** The account the event belongs to (accounts.id; kept after the account is deleted). */
  subject: string;
  /** sign_in | signed_out | consent_granted | consent_revoked | consent_revoked_all | signed_out_everywhere */
  kind: string;
  client_id: string | null;
  /** The app's name when the event happened (it may change or be deleted later). */
  client_name: string | null;
  /** The client address, masked to its network (never the full address). */
  network: string | null;
  created_at: number;
}

export interface IdentityDB extends FactorTables {
  accounts: AccountsTable;
  security_events: SecurityEventsTable;
}

export const migrations: Record<string, Migration> = {
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
  ...factorMigrations,
};
