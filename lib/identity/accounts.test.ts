import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idTokenClaims } from "./claims";
import { openIdentityStore, type IdentityStore } from "./store";

let dir: string;
let store: IdentityStore;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-identity-"));
  store = await openIdentityStore({ dataDir: dir, databaseUrl: process.env.DATABASE_URL });
  await store.database.db.deleteFrom("accounts").execute();
});

afterAll(async () => {
  await store.database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("accounts", () => {
  it("stores an argon2id hash and verifies the password", async () => {
    const created = await store.accounts.create({ userName: "Alice", password: "correct horse", email: "alice@example.com" });
    expect(created.ok).toBe(true);
    const row = await store.database.db.selectFrom("accounts").selectAll().where("user_name", "=", "alice").executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain("correct horse");

    const ok = await store.accounts.verifyPassword("ALICE", "correct horse");
    expect(ok.ok && ok.account.userName).toBe("alice");
    expect(await store.accounts.verifyPassword("alice", "wrong")).toEqual({ ok: false, error: "invalid_credentials" });
    expect(await store.accounts.verifyPassword("nobody", "correct horse")).toEqual({ ok: false, error: "invalid_credentials" });
  });

  it("signs in with the email address when exactly one account has it", async () => {
    await store.accounts.create({ userName: "erin", password: "pw-erin-long", email: "Erin@Example.com" });
    expect(await store.accounts.verifyPassword("erin@example.com", "pw-erin-long")).toMatchObject({ ok: true, account: { userName: "erin" } });
    await store.accounts.create({ userName: "erin2", password: "pw-erin-long", email: "erin@example.com" });
    expect(await store.accounts.verifyPassword("erin@example.com", "pw-erin-long")).toEqual({ ok: false, error: "invalid_credentials" });
  });

  it("refuses a duplicate user name, case-insensitively", async () => {
    expect(await store.accounts.create({ userName: "bob", password: "pw-123456" })).toMatchObject({ ok: true });
    expect(await store.accounts.create({ userName: "BOB", password: "other" })).toEqual({ ok: false, error: "user_name_taken" });
  });

  it("does not let a disabled account sign in", async () => {
    await store.accounts.create({ userName: "carol", password: "pw-carol", active: false });
    expect(await store.accounts.verifyPassword("carol", "pw-carol")).toEqual({ ok: false, error: "disabled" });
    expect(await store.accounts.verifyPassword("carol", "wrong")).toEqual({ ok: false, error: "invalid_credentials" });
  });

  it("ends account-area sessions begun before a sign-out everywhere, and those of a disabled or deleted account", async () => {
    const created = await store.accounts.create({ userName: "dora", password: "pw-dora-long" });
    if (!created.ok) throw new Error("create failed");
    const id = created.account.id;
    const before = Date.now() - 1000;
    expect(await store.accounts.sessionValid(id, before)).toBe(true);
    await store.accounts.endSessions(id);
    expect(await store.accounts.sessionValid(id, before)).toBe(false);
    expect(await store.accounts.sessionValid(id, Date.now())).toBe(true);
    await store.accounts.replace(id, { userName: "dora", active: false });
    expect(await store.accounts.sessionValid(id, Date.now())).toBe(false);
    await store.accounts.delete(id);
    expect(await store.accounts.sessionValid(id, Date.now())).toBe(false);
  });

  it("gives the claims the granted scopes allow", async () => {
    const created = await store.accounts.create({
      userName: "dave",
      password: "pw-dave",
      givenName: "Dave",
      familyName: "Doe",
      email: "dave@example.com",
    });
    if (!created.ok) throw new Error("create failed");
    expect(idTokenClaims(created.account, ["openid"])).toEqual({});
    expect(idTokenClaims(created.account, ["openid", "profile", "email"])).toEqual({
      name: "Dave Doe",
      given_name: "Dave",
      family_name: "Doe",
      preferred_username: "dave",
      updated_at: Math.floor(created.account.updatedAt.getTime() / 1000),
      email: "dave@example.com",
      email_verified: false,
    });
  });
});
