import type { Kysely } from "kysely";
import type { ConsentSession } from "@/lib/challenge/types";
import type { IdentityDB } from "@/lib/db/schema";

// The consent_records table (lib/db/schema/grants.ts): written when Tobira accepts a remembered
// consent, read by the consent rules and by the sweep that ends consents (lib/grants/enforce.ts).
// Safe with several UI instances on one database: a deadline is claimed by clearing it, so only
// one instance ends each consent.

export interface ConsentRecord {
  grantScope: readonly string[];
  grantAudience: readonly string[];
  rememberFor: number;
  context?: unknown;
}

const list = (json: string): string[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};

export function deadlinesIn(db: Kysely<IdentityDB>) {
  return {
    /** The newest consent for this app (replaces the earlier record). remember_for 0: no end. */
    async record(subject: string, clientId: string, consent: ConsentRecord, now = Date.now()): Promise<void> {
      const values = {
        granted_at: now,
        ends_at: consent.rememberFor > 0 ? now + consent.rememberFor * 1000 : null,
        grant_scope: JSON.stringify(consent.grantScope),
        grant_audience: JSON.stringify(consent.grantAudience),
        context: JSON.stringify(consent.context ?? null),
      };
      await db
        .insertInto("consent_records")
        .values({ subject, client_id: clientId, ...values })
        .onConflict((oc) => oc.columns(["subject", "client_id"]).doUpdateSet(values))
        .execute();
    },
    /** The person's records, shaped like the consent sessions the authorization server lists. */
    async of(subject: string): Promise<ConsentSession[]> {
      const rows = await db.selectFrom("consent_records").selectAll().where("subject", "=", subject).execute();
      return rows.map((row) => ({
        client: { id: row.client_id, name: "", metadata: {}, localized: {}, skipConsent: false, skipLogoutConsent: false },
        grantScope: list(row.grant_scope),
        grantAudience: list(row.grant_audience),
        handledAt: new Date(Number(row.granted_at)).toISOString(),
        remember: true,
        rememberFor: row.ends_at === null ? 0 : Math.max(1, Math.round((Number(row.ends_at) - Number(row.granted_at)) / 1000)),
        context: JSON.parse(row.context) as unknown,
        expiresAt: {},
      }));
    },
    /** Deadlines (ms) that have passed, oldest first (one person's, when `subject` is given). */
    async due(limit: number, subject?: string, now = Date.now()): Promise<{ subject: string; clientId: string; endsAt: number }[]> {
      let query = db.selectFrom("consent_records").select(["subject", "client_id", "ends_at"]).where("ends_at", "<=", now);
      if (subject) query = query.where("subject", "=", subject);
      const rows = await query.orderBy("ends_at").limit(limit).execute();
      return rows.map((row) => ({ subject: row.subject, clientId: row.client_id, endsAt: Number(row.ends_at) }));
    },
    /** True for the one caller that cleared this exact deadline (a newer one is left alone). */
    async claim(subject: string, clientId: string, endsAt: number): Promise<boolean> {
      const result = await db
        .deleteFrom("consent_records")
        .where("subject", "=", subject)
        .where("client_id", "=", clientId)
        .where("ends_at", "=", endsAt)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async forget(subject: string, clientId?: string): Promise<void> {
      let query = db.deleteFrom("consent_records").where("subject", "=", subject);
      if (clientId) query = query.where("client_id", "=", clientId);
      await query.execute();
    },
    /** The next deadline (ms), if any. */
    async next(): Promise<number | undefined> {
      const row = await db.selectFrom("consent_records").select((eb) => eb.fn.min("ends_at").as("first")).executeTakeFirst();
      return row?.first === null || row?.first === undefined ? undefined : Number(row.first);
    },
  };
}

export type Deadlines = ReturnType<typeof deadlinesIn>;
