import type { Kysely, Selectable } from "kysely";
import { nowSeconds } from "@/lib/db/connect";
import { checkPassword, dummyHash, hashPassword } from "./password";
import type { AccountsTable, IdentityDB } from "./schema";

export interface Account {
  id: string;
  userName: string;
  email?: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewAccount {
  userName: string;
  password?: string;
  email?: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  active?: boolean;
}

export type CreateAccountResult = { ok: true; account: Account } | { ok: false; error: "user_name_taken" };

export type VerifyResult = { ok: true; account: Account } | { ok: false; error: "invalid_credentials" | "disabled" };

/** User names compare case-insensitively (RFC 7643 4.1.1: userName is caseExact false). */
export function normalizeUserName(userName: string): string {
  return userName.normalize("NFKC").trim().toLowerCase();
}

function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    userName: row.user_name,
    email: row.email ?? undefined,
    givenName: row.given_name ?? undefined,
    familyName: row.family_name ?? undefined,
    displayName: row.display_name ?? undefined,
    active: Number(row.active) === 1,
    createdAt: new Date(Number(row.created_at) * 1000),
    updatedAt: new Date(Number(row.updated_at) * 1000),
  };
}

export function accountsIn(db: Kysely<IdentityDB>) {
  async function findByUserName(userName: string) {
    return db.selectFrom("accounts").selectAll().where("user_name", "=", normalizeUserName(userName)).executeTakeFirst();
  }

  return {
    async create(input: NewAccount): Promise<CreateAccountResult> {
      const userName = normalizeUserName(input.userName);
      if (await findByUserName(userName)) return { ok: false, error: "user_name_taken" };
      const now = nowSeconds();
      const row = {
        id: crypto.randomUUID(),
        user_name: userName,
        email: input.email ?? null,
        given_name: input.givenName ?? null,
        family_name: input.familyName ?? null,
        display_name: input.displayName ?? null,
        password_hash: input.password === undefined ? null : await hashPassword(input.password),
        active: input.active === false ? 0 : 1,
        created_at: now,
        updated_at: now,
      };
      try {
        await db.insertInto("accounts").values(row).execute();
      } catch (error) {
        // A concurrent create of the same name loses on the unique index.
        if (await findByUserName(userName)) return { ok: false, error: "user_name_taken" };
        throw error;
      }
      return { ok: true, account: toAccount(row) };
    },

    async findById(id: string): Promise<Account | undefined> {
      const row = await db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toAccount(row) : undefined;
    },

    async findByUserName(userName: string): Promise<Account | undefined> {
      const row = await findByUserName(userName);
      return row ? toAccount(row) : undefined;
    },

    /** Checks a password in comparable time whether or not the account exists. A disabled
     * account is reported only after its password matched. */
    async verifyPassword(identifier: string, password: string): Promise<VerifyResult> {
      const row = await findByUserName(identifier);
      const matches = await checkPassword(row?.password_hash ?? (await dummyHash()), password);
      if (!row || !row.password_hash || !matches) return { ok: false, error: "invalid_credentials" };
      if (Number(row.active) !== 1) return { ok: false, error: "disabled" };
      return { ok: true, account: toAccount(row) };
    },
  };
}

export type Accounts = ReturnType<typeof accountsIn>;
