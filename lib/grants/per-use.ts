import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { IdentityDB } from "@/lib/db/schema";

// The per_use_grants table (lib/db/schema/grants.ts): one row per per-use consent that left the
// app a refresh token, written when Tobira accepts it, listed in the granted-apps page, ended by
// the sweep in lib/grants/enforce.ts. Safe with several UI instances on one database: a row that
// is due is claimed by pushing its due time back, in one statement that only one instance wins,
// and deleted only once its access is ended, so a crash in between leaves it due again.

export interface PerUseGrant {
  id: string;
  subject: string;
  clientId: string;
  scopes: string[];
  audiences: string[];
  grantedAt: Date;
  endsAt: Date;
}

export interface DuePerUseGrant {
  id: string;
  subject: string;
  clientId: string;
  endsAt: number;
  dueAt: number;
}

const list = (json: string): string[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};

export function perUseGrantsIn(db: Kysely<IdentityDB>) {
  return {
    /** A per-use consent just accepted with offline access, ending `seconds` from now. */
    async record(
      subject: string,
      clientId: string,
      grant: { grantScope: readonly string[]; grantAudience: readonly string[]; seconds: number },
      now = Date.now(),
    ): Promise<string> {
      const id = randomUUID();
      const endsAt = now + Math.max(1, grant.seconds) * 1000;
      await db
        .insertInto("per_use_grants")
        .values({
          id,
          subject,
          client_id: clientId,
          grant_scope: JSON.stringify(grant.grantScope),
          grant_audience: JSON.stringify(grant.grantAudience),
          granted_at: now,
          ends_at: endsAt,
          due_at: endsAt,
        })
        .execute();
      return id;
    },
    /** The person's grants (one app's, when `clientId` is given), oldest first. */
    async of(subject: string, clientId?: string): Promise<PerUseGrant[]> {
      let query = db.selectFrom("per_use_grants").selectAll().where("subject", "=", subject);
      if (clientId) query = query.where("client_id", "=", clientId);
      const rows = await query.orderBy("granted_at").orderBy("id").execute();
      return rows.map((row) => ({
        id: row.id,
        subject: row.subject,
        clientId: row.client_id,
        scopes: list(row.grant_scope),
        audiences: list(row.grant_audience),
        grantedAt: new Date(Number(row.granted_at)),
        endsAt: new Date(Number(row.ends_at)),
      }));
    },
    /** Grants whose due time has passed, oldest first (one person's, when `subject` is given). */
    async due(limit: number, subject?: string, now = Date.now()): Promise<DuePerUseGrant[]> {
      let query = db.selectFrom("per_use_grants").select(["id", "subject", "client_id", "ends_at", "due_at"]).where("due_at", "<=", now);
      if (subject) query = query.where("subject", "=", subject);
      const rows = await query.orderBy("due_at").limit(limit).execute();
      return rows.map((row) => ({ id: row.id, subject: row.subject, clientId: row.client_id, endsAt: Number(row.ends_at), dueAt: Number(row.due_at) }));
    },
    /** True for the one caller that moved this exact due time on to `retryAt` (when it looks
     * again if ending the access fails); false when another caller got there first. */
    async claim(grant: Pick<DuePerUseGrant, "id" | "dueAt">, retryAt: number): Promise<boolean> {
      const result = await db.updateTable("per_use_grants").set({ due_at: retryAt }).where("id", "=", grant.id).where("due_at", "=", grant.dueAt).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** The app's access lasts longer than this grant (another grant of it ends later): this one
     * ends with it, and is shown until then. */
    async extend(id: string, endsAt: number): Promise<void> {
      await db.updateTable("per_use_grants").set({ ends_at: endsAt, due_at: endsAt }).where("id", "=", id).execute();
    },
    /** Removes the person's grants (one app's, when `clientId` is given) granted up to
     * `grantedUpTo` (ms): their access is ended. */
    async forget(subject: string, clientId?: string, grantedUpTo = Number.MAX_SAFE_INTEGER): Promise<void> {
      let query = db.deleteFrom("per_use_grants").where("subject", "=", subject).where("granted_at", "<=", grantedUpTo);
      if (clientId) query = query.where("client_id", "=", clientId);
      await query.execute();
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom("per_use_grants").where("id", "=", id).execute();
    },
    /** The next due time (ms), if any. */
    async next(): Promise<number | undefined> {
      const row = await db.selectFrom("per_use_grants").select((eb) => eb.fn.min("due_at").as("first")).executeTakeFirst();
      return row?.first === null || row?.first === undefined ? undefined : Number(row.first);
    },
  };
}

export type PerUseGrants = ReturnType<typeof perUseGrantsIn>;
