import { sql, type Kysely } from "kysely";
import { keyId, type KeyRing } from "@/common/key-ring";
import { currentPrefix, sealedKeyId } from "@/common/seal";
import type { IdentityDB } from "@/lib/db/schema";
import { legacyRecoveryKey } from "./recovery";
import { openRecoveryKey, openTotpKey, sealRecoveryKey, sealTotpKey } from "./sealed";

// Sealing again, with the current secret, what the factor tables hold sealed with a previous one
// (README "Rotating the secret"). Use re-seals too (lib/factors/store.ts), but a key nobody uses
// during the rotation must not be lost when the previous secret is dropped: every UI process does
// this once at start, in pages, each row changed only if nobody changed it meanwhile.
//
// Recovery-code sets made before the ring hash under a key derived from the secret of the time.
// With no previous secret configured, that is the current secret: its derived key is sealed onto
// the set ("adopted"). With previous secrets, which one made a set shows only when a code of it
// is used; until then it is counted as waiting.

export interface ResealReport {
  /** Values now sealed with the current secret. */
  resealed: number;
  /** Values no secret of the ring opens, and the key ids they name ("" for the format before the ring). */
  unreadable: number;
  unreadableKeyIds: string[];
  /** Accounts whose recovery codes were made before the ring and are not adopted yet. */
  waiting: number;
}

const PAGE = 200;

export async function resealFactors(db: Kysely<IdentityDB>, ring: KeyRing): Promise<ResealReport> {
  const report: ResealReport = { resealed: 0, unreadable: 0, unreadableKeyIds: [], waiting: 0 };
  const prefix = currentPrefix(ring);
  const notCurrent = (column: string) => sql<boolean>`substr(${sql.ref(column)}, 1, ${prefix.length}) <> ${prefix}`;
  const unreadable = (sealed: string) => {
    report.unreadable += 1;
    const id = sealedKeyId(sealed) ?? "";
    if (!report.unreadableKeyIds.includes(id)) report.unreadableKeyIds.push(id);
  };

  for (let after = ""; ; ) {
    const rows = await db
      .selectFrom("totp_factors")
      .select(["id", "account_id", "secret"])
      .where("id", ">", after)
      .where(notCurrent("secret"))
      .orderBy("id")
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const opened = openTotpKey(ring, row.account_id, row.secret);
      if (!opened.ok) {
        unreadable(row.secret);
        continue;
      }
      const updated = await db
        .updateTable("totp_factors")
        .set({ secret: sealTotpKey(ring, row.account_id, opened.key) })
        .where("id", "=", row.id)
        .where("secret", "=", row.secret)
        .executeTakeFirst();
      report.resealed += Number(updated.numUpdatedRows);
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]?.id ?? after;
  }

  // One sealed key per set (and a set per account): rows of a set change together.
  for (let after = ""; ; ) {
    const sets = await db
      .selectFrom("recovery_codes")
      .select(["account_id", "key_sealed"])
      .distinct()
      .where("account_id", ">", after)
      .where((eb) => eb.or([eb("key_sealed", "is", null), notCurrent("key_sealed")]))
      .orderBy("account_id")
      .limit(PAGE)
      .execute();
    for (const { account_id: accountId, key_sealed: sealed } of sets) {
      const opened = sealed === null ? undefined : openRecoveryKey(ring, accountId, sealed);
      if (opened && !opened.ok) {
        unreadable(sealed ?? "");
        continue;
      }
      if (!opened && ring.previous.length > 0) {
        report.waiting += 1;
        continue;
      }
      const key = opened ? opened.key : legacyRecoveryKey(ring.current);
      const updated = await db
        .updateTable("recovery_codes")
        .set({ key_sealed: sealRecoveryKey(ring, accountId, key) })
        .where("account_id", "=", accountId)
        .where((eb) => (sealed === null ? eb("key_sealed", "is", null) : eb("key_sealed", "=", sealed)))
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) report.resealed += 1;
    }
    if (sets.length < PAGE) break;
    after = sets[sets.length - 1]?.account_id ?? after;
  }
  return report;
}

/** Whether a start has anything to tell the operator. */
export function worthReporting(ring: KeyRing, report: ResealReport): boolean {
  return ring.previous.length > 0 || report.resealed + report.unreadable + report.waiting > 0;
}

/** One line for the operator: what was done, and whether the previous secrets are still needed. */
export function describeReseal(ring: KeyRing, report: ResealReport): string {
  const parts = [`secrets: ${report.resealed} second-factor value(s) sealed again with TOBIRA_SECRET (key id ${keyId(ring.current)})`];
  if (report.unreadable > 0) {
    const ids = report.unreadableKeyIds.map((id) => id || "none (sealed before the key ring)").join(", ");
    parts.push(`${report.unreadable} open with no secret of TOBIRA_SECRET / TOBIRA_SECRET_PREVIOUS (key ids: ${ids}): put the secret that sealed them back into TOBIRA_SECRET_PREVIOUS`);
  }
  if (report.waiting > 0) parts.push(`${report.waiting} account(s) have recovery codes from before the key ring, adopted when one of them is used or at a start without TOBIRA_SECRET_PREVIOUS`);
  if (ring.previous.length > 0 && report.unreadable === 0 && report.waiting === 0) {
    parts.push("nothing in the UI's store needs TOBIRA_SECRET_PREVIOUS any more (cookies and forms sealed with it expire within 8 hours; the embedded core reports its own)");
  }
  return parts.join("; ");
}
