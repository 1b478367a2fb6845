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

export interface GrantTables {
  consent_records: ConsentRecordsTable;
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
};
