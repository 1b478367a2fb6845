import { sql, type Kysely, type Selectable } from "kysely";
import { hasNul } from "@/common/nul";
import { nowSeconds } from "@/common/db/connect";
import { checkPassword, dummyHash, hashPassword } from "./password";
import type { AccountsTable, IdentityDB } from "../db/schema";

/** OIDC Core 5.1.1 address, in camelCase. */
export interface Address {
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** What a person (or an HR system) says about themselves; every field optional. */
export interface Profile {
  email?: string;
  emailVerified?: boolean;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  phoneNumber?: string;
  phoneNumberVerified?: boolean;
  locale?: string;
  zoneinfo?: string;
  /** YYYY-MM-DD (OIDC Core 5.1). */
  birthdate?: string;
  address?: Address;
  externalId?: string;
}

export interface Account extends Profile {
  id: string;
  userName: string;
  emailVerified: boolean;
  phoneNumberVerified: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewAccount extends Profile {
  userName: string;
  /** A new password, hashed here. */
  password?: string;
  /** A password already hashed (a pending registration keeps only the hash). */
  passwordHash?: string;
  active?: boolean;
}

export type CreateAccountResult = { ok: true; account: Account } | { ok: false; error: "user_name_taken" };

export type ReplaceAccountResult =
  | { ok: true; account: Account; previous: Account }
  | { ok: false; error: "user_name_taken" | "not_found" };

export type VerifyResult = { ok: true; account: Account } | { ok: false; error: "invalid_credentials" | "disabled" };

export interface ListQuery {
  userName?: string;
  externalId?: string;
  email?: string;
  /** 0-based. */
  offset: number;
  limit: number;
}

/** User names compare case-insensitively (RFC 7643 4.1.1: userName is caseExact false). */
export function normalizeUserName(userName: string): string {
  return userName.normalize("NFKC").trim().toLowerCase();
}

const some = <T>(value: T | null) => value ?? undefined;

function parseAddress(json: string | null): Address | undefined {
  if (!json) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null ? (value as Address) : undefined;
  } catch {
    return undefined;
  }
}

function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    userName: row.user_name,
    email: some(row.email),
    emailVerified: Number(row.email_verified) === 1,
    givenName: some(row.given_name),
    familyName: some(row.family_name),
    displayName: some(row.display_name),
    phoneNumber: some(row.phone_number),
    phoneNumberVerified: Number(row.phone_number_verified) === 1,
    locale: some(row.locale),
    zoneinfo: some(row.zoneinfo),
    birthdate: some(row.birthdate),
    address: parseAddress(row.address),
    externalId: some(row.external_id),
    active: Number(row.active) === 1,
    createdAt: new Date(Number(row.created_at) * 1000),
    updatedAt: new Date(Number(row.updated_at) * 1000),
  };
}

/** The profile columns of a row; an absent field is stored as null (a replace clears it). */
function profileColumns(input: Profile) {
  const address = input.address && Object.values(input.address).some((v) => v !== undefined) ? JSON.stringify(input.address) : null;
  return {
    email: input.email ?? null,
    email_verified: input.email && input.emailVerified ? 1 : 0,
    given_name: input.givenName ?? null,
    family_name: input.familyName ?? null,
    display_name: input.displayName ?? null,
    phone_number: input.phoneNumber ?? null,
    phone_number_verified: input.phoneNumber && input.phoneNumberVerified ? 1 : 0,
    locale: input.locale ?? null,
    zoneinfo: input.zoneinfo ?? null,
    birthdate: input.birthdate ?? null,
    address,
    external_id: input.externalId ?? null,
  };
}

export function accountsIn(db: Kysely<IdentityDB>) {
  async function rowByUserName(userName: string) {
    if (hasNul(userName)) return undefined;
    return db.selectFrom("accounts").selectAll().where("user_name", "=", normalizeUserName(userName)).executeTakeFirst();
  }
  async function rowById(id: string) {
    if (hasNul(id)) return undefined;
    return db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
  }
  const lowerEmail = sql<string>`lower(email)`;

  return {
    async create(input: NewAccount): Promise<CreateAccountResult> {
      const userName = normalizeUserName(input.userName);
      if (await rowByUserName(userName)) return { ok: false, error: "user_name_taken" };
      const now = nowSeconds();
      const row: Selectable<AccountsTable> = {
        id: crypto.randomUUID(),
        user_name: userName,
        ...profileColumns(input),
        password_hash: input.passwordHash ?? (input.password === undefined ? null : await hashPassword(input.password)),
        active: input.active === false ? 0 : 1,
        created_at: now,
        updated_at: now,
        sessions_valid_after: 0,
      };
      try {
        await db.insertInto("accounts").values(row).execute();
      } catch (error) {
        // A concurrent create of the same name loses on the unique index.
        if (await rowByUserName(userName)) return { ok: false, error: "user_name_taken" };
        throw error;
      }
      return { ok: true, account: toAccount(row) };
    },

    /** Replaces every attribute (RFC 7644 §3.5.1 PUT semantics); the password only when given.
     * One UPDATE statement: either all of it is written or nothing. */
    async replace(id: string, input: NewAccount): Promise<ReplaceAccountResult> {
      const before = await rowById(id);
      if (!before) return { ok: false, error: "not_found" };
      const userName = normalizeUserName(input.userName);
      const holder = await rowByUserName(userName);
      if (holder && holder.id !== id) return { ok: false, error: "user_name_taken" };
      const passwordHash = input.passwordHash ?? (input.password === undefined ? undefined : await hashPassword(input.password));
      const values = {
        user_name: userName,
        ...profileColumns(input),
        ...(passwordHash === undefined ? {} : { password_hash: passwordHash }),
        active: input.active === false ? 0 : 1,
        // Strictly increasing, so that the ETag (meta.version) changes with every write.
        updated_at: Math.max(nowSeconds(), Number(before.updated_at) + 1),
      };
      try {
        await db.updateTable("accounts").set(values).where("id", "=", id).execute();
      } catch (error) {
        const again = await rowByUserName(userName);
        if (again && again.id !== id) return { ok: false, error: "user_name_taken" };
        throw error;
      }
      const after = await rowById(id);
      if (!after) return { ok: false, error: "not_found" };
      return { ok: true, account: toAccount(after), previous: toAccount(before) };
    },

    /** Deletes the account and every link issued for it. False when there was none. */
    async delete(id: string): Promise<boolean> {
      if (hasNul(id)) return false;
      await db.deleteFrom("account_tokens").where("account_id", "=", id).execute();
      const result = await db.deleteFrom("accounts").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async list(query: ListQuery): Promise<{ total: number; accounts: Account[] }> {
      if ([query.userName, query.externalId, query.email].some((value) => value !== undefined && hasNul(value))) return { total: 0, accounts: [] };
      let base = db.selectFrom("accounts");
      if (query.userName !== undefined) base = base.where("user_name", "=", normalizeUserName(query.userName));
      if (query.externalId !== undefined) base = base.where("external_id", "=", query.externalId);
      if (query.email !== undefined) base = base.where(lowerEmail, "=", query.email.toLowerCase());
      const counted = await base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow();
      const rows =
        query.limit > 0
          ? await base.selectAll().orderBy("created_at").orderBy("id").limit(query.limit).offset(query.offset).execute()
          : [];
      return { total: Number(counted.n), accounts: rows.map(toAccount) };
    },

    async findById(id: string): Promise<Account | undefined> {
      const row = await rowById(id);
      return row ? toAccount(row) : undefined;
    },

    async findByUserName(userName: string): Promise<Account | undefined> {
      const row = await rowByUserName(userName);
      return row ? toAccount(row) : undefined;
    },

    /** Accounts whose email address is this one (case-insensitively); at most a few. */
    async findByEmail(email: string): Promise<Account[]> {
      if (hasNul(email)) return [];
      const rows = await db.selectFrom("accounts").selectAll().where(lowerEmail, "=", email.trim().toLowerCase()).limit(10).execute();
      return rows.map(toAccount);
    },

    /** Ends every account-area session of the account begun before now. */
    async endSessions(id: string, at = Date.now()): Promise<void> {
      await db.updateTable("accounts").set({ sessions_valid_after: at }).where("id", "=", id).execute();
    },

    /** Whether an account-area session begun at `since` (ms) may go on. */
    async sessionValid(id: string, since: number): Promise<boolean> {
      const row = await db.selectFrom("accounts").select(["active", "sessions_valid_after"]).where("id", "=", id).executeTakeFirst();
      return Boolean(row && Number(row.active) === 1 && since >= Number(row.sessions_valid_after));
    },

    async setPassword(id: string, password: string): Promise<void> {
      const hashed = await hashPassword(password);
      await db.updateTable("accounts").set({ password_hash: hashed, updated_at: nowSeconds() }).where("id", "=", id).execute();
    },

    async markEmailVerified(id: string): Promise<void> {
      await db.updateTable("accounts").set({ email_verified: 1, updated_at: nowSeconds() }).where("id", "=", id).execute();
    },

    /** Checks a password in comparable time whether or not the account exists. A disabled
     * account is reported only after its password matched. */
    async verifyPassword(identifier: string, password: string): Promise<VerifyResult> {
      let row = await rowByUserName(identifier);
      // An email address signs in too, when exactly one account has it.
      if (!row && identifier.includes("@")) {
        const byEmail = await db.selectFrom("accounts").selectAll().where(lowerEmail, "=", identifier.trim().toLowerCase()).limit(2).execute();
        if (byEmail.length === 1) row = byEmail[0];
      }
      const matched = await checkPassword(row?.password_hash ?? (await dummyHash()), password);
      if (!row || !row.password_hash || matched === "mismatch") return { ok: false, error: "invalid_credentials" };
      if (Number(row.active) !== 1) return { ok: false, error: "disabled" };
      // A hash from before passwords were normalised: from now on every form of it signs in.
      // Only this hash is replaced (updated_at stays: the account itself did not change).
      if (matched === "legacy") {
        const rehashed = await hashPassword(password);
        await db.updateTable("accounts").set({ password_hash: rehashed }).where("id", "=", row.id).where("password_hash", "=", row.password_hash).execute();
      }
      return { ok: true, account: toAccount(row) };
    },
  };
}

export type Accounts = ReturnType<typeof accountsIn>;
