import { createHash, randomBytes, randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import { nowSeconds } from "@/common/db/connect";
import type { IdentityDB } from "../db/schema";

// Single-use secrets sent by mail. A link carries 256 random bits; the store keeps only their
// SHA-256 (DESIGN.md: reset tokens hashed at rest), an expiry, and whether it was used.
// A short code (typed, not clicked) belongs to one account and purpose: its hash covers both, so
// the same digits for two accounts never meet, and it is only ever looked up for its account.
// Its few digits are no secret to someone holding a copy of the database; what keeps it safe is
// that it lives minutes, works once, is worth nothing without the account's password, and every
// guess counts towards a limit (lib/identity/limits.ts, in the caller).

export type TokenPurpose = "verify_email" | "reset_password" | "first_factor";

export interface IssueToken {
  purpose: TokenPurpose;
  accountId?: string;
  payload?: Record<string, unknown>;
  ttlSeconds: number;
}

export type TokenLookup =
  | { ok: true; accountId?: string; payload: Record<string, unknown>; expiresAt: Date }
  | { ok: false; error: "invalid" | "expired" | "used" };

const digest = (token: string) => createHash("sha256").update(token).digest("base64url");
const codeDigest = (purpose: TokenPurpose, accountId: string, code: string) => digest(`code:${purpose}:${accountId}:${code}`);

/** A token as it may appear in a link: 43 base64url characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function tokensIn(db: Kysely<IdentityDB>, now: () => number = nowSeconds) {
  async function lookup(purpose: TokenPurpose, token: string): Promise<TokenLookup> {
    if (!TOKEN_PATTERN.test(token)) return { ok: false, error: "invalid" };
    const row = await db
      .selectFrom("account_tokens")
      .selectAll()
      .where("token_hash", "=", digest(token))
      .where("purpose", "=", purpose)
      .executeTakeFirst();
    if (!row) return { ok: false, error: "invalid" };
    if (row.used_at !== null) return { ok: false, error: "used" };
    if (Number(row.expires_at) <= now()) return { ok: false, error: "expired" };
    let payload: Record<string, unknown> = {};
    try {
      payload = JSON.parse(row.payload) as Record<string, unknown>;
    } catch {
      payload = {};
    }
    return { ok: true, accountId: row.account_id ?? undefined, payload, expiresAt: new Date(Number(row.expires_at) * 1000) };
  }

  return {
    async issue(input: IssueToken): Promise<string> {
      const token = randomBytes(32).toString("base64url");
      const issuedAt = now();
      await db
        .insertInto("account_tokens")
        .values({
          token_hash: digest(token),
          purpose: input.purpose,
          account_id: input.accountId ?? null,
          payload: JSON.stringify(input.payload ?? {}),
          expires_at: issuedAt + input.ttlSeconds,
          used_at: null,
          created_at: issuedAt,
        })
        .execute();
      return token;
    },

    /** Reads a token without using it (a link opened shows a form first: mail scanners that
     * follow links must not use them up). */
    peek: lookup,

    /** Uses a token once. Of two concurrent uses exactly one succeeds: the update only matches
     * a row that is still unused. */
    async consume(purpose: TokenPurpose, token: string): Promise<TokenLookup> {
      const found = await lookup(purpose, token);
      if (!found.ok) return found;
      const result = await db
        .updateTable("account_tokens")
        .set({ used_at: now() })
        .where("token_hash", "=", digest(token))
        .where("used_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? found : { ok: false, error: "used" };
    },

    /** Marks every unused token of that purpose for the account as used (after a reset, older
     * reset links stop working). */
    async retireAll(accountId: string, purpose: TokenPurpose): Promise<void> {
      await db
        .updateTable("account_tokens")
        .set({ used_at: now() })
        .where("account_id", "=", accountId)
        .where("purpose", "=", purpose)
        .where("used_at", "is", null)
        .execute();
    },

    /** A new short code of `digits` digits for the account; its other codes of that purpose stop
     * working (only the newest one mailed is valid). */
    async issueCode(input: { purpose: TokenPurpose; accountId: string; digits: number; ttlSeconds: number }): Promise<string> {
      const code = String(randomInt(0, 10 ** input.digits)).padStart(input.digits, "0");
      const issuedAt = now();
      const row = {
        token_hash: codeDigest(input.purpose, input.accountId, code),
        purpose: input.purpose,
        account_id: input.accountId,
        payload: "{}",
        expires_at: issuedAt + input.ttlSeconds,
        used_at: null,
        created_at: issuedAt,
      };
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable("account_tokens")
          .set({ used_at: issuedAt })
          .where("account_id", "=", input.accountId)
          .where("purpose", "=", input.purpose)
          .where("used_at", "is", null)
          .execute();
        // The same digits again for this account (one in 10^digits) replace the old row.
        await tx
          .insertInto("account_tokens")
          .values(row)
          .onConflict((oc) => oc.column("token_hash").doUpdateSet({ expires_at: row.expires_at, used_at: null, created_at: issuedAt }))
          .execute();
      });
      return code;
    },

    /** Uses the account's code once: of two concurrent uses exactly one succeeds. */
    async consumeCode(purpose: TokenPurpose, accountId: string, code: string): Promise<TokenLookup> {
      const hash = codeDigest(purpose, accountId, code);
      const row = await db
        .selectFrom("account_tokens")
        .selectAll()
        .where("token_hash", "=", hash)
        .where("purpose", "=", purpose)
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      if (!row) return { ok: false, error: "invalid" };
      if (row.used_at !== null) return { ok: false, error: "used" };
      if (Number(row.expires_at) <= now()) return { ok: false, error: "expired" };
      const result = await db.updateTable("account_tokens").set({ used_at: now() }).where("token_hash", "=", hash).where("used_at", "is", null).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return { ok: false, error: "used" };
      return { ok: true, accountId, payload: {}, expiresAt: new Date(Number(row.expires_at) * 1000) };
    },

    /** Deletes tokens that expired more than a day ago. */
    async prune(): Promise<void> {
      await db.deleteFrom("account_tokens").where("expires_at", "<", now() - 86_400).execute();
    },
  };
}

export type Tokens = ReturnType<typeof tokensIn>;

/** The token of an emailed link, or undefined when it cannot be one. */
export function tokenFrom(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && TOKEN_PATTERN.test(value) ? value : undefined;
}
