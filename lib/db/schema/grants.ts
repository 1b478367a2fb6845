import type { Kysely, Migration } from "kysely";

// The newest consent Tobira accepted per person and app, and when it ends. Two reasons to keep
// it beside the authorization server's own record:
// 1. the end date shown on the consent screen must hold with a server that does not enforce it
//    (Ory Hydra keeps grants and refresh tokens after remember_for): lib/grants/enforce.ts;
// 2. Hydra leaves out of its consent-session listing every consent accepted while it reported
//    skip=true, which is what it reports when Tobira asks again because the app's terms changed
//    or a new decision is due: without this record the new decision would be invisible.

export interface ConsentRecordsTable {
  subject: string;
  client_id: string;
  /** Milliseconds since the epoch: the consent rules compare it with the server's handled_at,
   * which has sub-second precision, to find the newest decision. */
  granted_at: number;
  /** Milliseconds since the epoch; null: until revoked. */
  ends_at: number | null;
  /** JSON arrays and the accept's context, as sent to the authorization server. */
  grant_scope: string;
  grant_audience: string;
  context: string;
}

// A per-use consent (remember=false: a payment, a per-use scope) that granted offline access: the
// app holds a refresh token after the one request the person approved. Kept apart from
// consent_records, which the consent rules read as remembered decisions: a per-use consent is
// never one. The embedded core does not list remember=false consent sessions (Ory Hydra lists
// them, with or without offline access, until remember_for), so without this record the person
// could not see or revoke the access in the core, and Ory Hydra would let the refresh token live
// past the end date the consent screen showed (lib/grants/enforce.ts ends it).
export interface PerUseGrantsTable {
  id: string;
  subject: string;
  client_id: string;
  /** JSON arrays, as granted. */
  grant_scope: string;
  grant_audience: string;
  /** Milliseconds since the epoch. */
  granted_at: number;
  /** When the access ends (ms): the end date the consent screen showed, or later when another
   * grant of the same app outlasts it (the admin API ends an app's access only as a whole). */
  ends_at: number;
  /** When the sweep next looks at it (ms): ends_at, pushed back while one instance ends it. */
  due_at: number;
}

export interface GrantTables {
  consent_records: ConsentRecordsTable;
  per_use_grants: PerUseGrantsTable;
}

export const grantMigrations: Record<string, Migration> = {
  "0007_consent_records": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("consent_records")
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("client_id", "text", (c) => c.notNull())
        .addColumn("granted_at", "bigint", (c) => c.notNull())
        .addColumn("ends_at", "bigint")
        .addColumn("grant_scope", "text", (c) => c.notNull())
        .addColumn("grant_audience", "text", (c) => c.notNull())
        .addColumn("context", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("consent_records_pk", ["subject", "client_id"])
        .execute();
      await db.schema.createIndex("consent_records_ends").on("consent_records").column("ends_at").execute();
    },
  },
  "0011_per_use_grants": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("per_use_grants")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("client_id", "text", (c) => c.notNull())
        .addColumn("grant_scope", "text", (c) => c.notNull())
        .addColumn("grant_audience", "text", (c) => c.notNull())
        .addColumn("granted_at", "bigint", (c) => c.notNull())
        .addColumn("ends_at", "bigint", (c) => c.notNull())
        .addColumn("due_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("per_use_grants_subject").on("per_use_grants").columns(["subject", "client_id"]).execute();
      await db.schema.createIndex("per_use_grants_due").on("per_use_grants").column("due_at").execute();
    },
  },
};
