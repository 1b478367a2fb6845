import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idTokenClaims } from "./claims";
import { hashPassword } from "./password";
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

  describe("one password, however its characters are composed", () => {
    const composed = "Caf\u00e9 au lait, s'il vous pla\u00eet";
    const decomposed = "Cafe\u0301 au lait, s'il vous plai\u0302t";
    const hashOf = async (userName: string) =>
      (await store.database.db.selectFrom("accounts").select("password_hash").where("user_name", "=", userName).executeTakeFirstOrThrow()).password_hash;

    it("is the same password composed (NFC) and decomposed (NFD), wherever it was set", async () => {
      expect(composed).not.toBe(decomposed);
      expect(composed.normalize("NFC")).toBe(decomposed.normalize("NFC"));
      // SCIM create, registration (a hash made before the account exists), SCIM replace, reset.
      await store.accounts.create({ userName: "nfc-create", password: decomposed });
      await store.accounts.create({ userName: "nfc-register", passwordHash: await hashPassword(decomposed) });
      const replaced = await store.accounts.create({ userName: "nfc-replace", password: "an older passphrase" });
      if (replaced.ok) await store.accounts.replace(replaced.account.id, { userName: "nfc-replace", password: composed });
      const reset = await store.accounts.create({ userName: "nfc-reset", password: "an older passphrase" });
      if (reset.ok) await store.accounts.setPassword(reset.account.id, decomposed);
      for (const userName of ["nfc-create", "nfc-register", "nfc-replace", "nfc-reset"]) {
        for (const typed of [composed, decomposed]) {
          expect(await store.accounts.verifyPassword(userName, typed), `${userName} ${typed === composed ? "NFC" : "NFD"}`).toMatchObject({ ok: true });
        }
        expect(await store.accounts.verifyPassword(userName, "Cafe au lait, s'il vous plait")).toEqual({ ok: false, error: "invalid_credentials" });
      }
    });

    it("treats a Japanese IME's ideographic space as a space, but not other look-alikes", async () => {
      await store.accounts.create({ userName: "nfc-space", password: "とびら を開けて ください" });
      expect(await store.accounts.verifyPassword("nfc-space", "とびら\u3000を開けて\u3000ください")).toMatchObject({ ok: true });
      await store.accounts.create({ userName: "nfc-width", password: "ｱｲｳｴｵ かきくけこ" });
      expect(await store.accounts.verifyPassword("nfc-width", "アイウエオ かきくけこ")).toEqual({ ok: false, error: "invalid_credentials" });
    });

    it("keeps a hash made from a password as typed, before normalising, and replaces it at its next sign-in", async () => {
      const created = await store.accounts.create({ userName: "nfc-legacy" });
      if (!created.ok) throw new Error("not created");
      const legacy = await hash(decomposed);
      await store.database.db.updateTable("accounts").set({ password_hash: legacy }).where("id", "=", created.account.id).execute();

      // Before: only the form it was typed in matches (the other form was never hashed).
      expect(await store.accounts.verifyPassword("nfc-legacy", "wrong")).toEqual({ ok: false, error: "invalid_credentials" });
      expect(await hashOf("nfc-legacy")).toBe(legacy);
      expect(await store.accounts.verifyPassword("nfc-legacy", decomposed)).toMatchObject({ ok: true });
      // After: hashed again, normalised; both forms sign in from now on.
      expect(await hashOf("nfc-legacy")).not.toBe(legacy);
      expect(await store.accounts.verifyPassword("nfc-legacy", composed)).toMatchObject({ ok: true });
      expect(await store.accounts.verifyPassword("nfc-legacy", decomposed)).toMatchObject({ ok: true });
    });
  });

  it("signs in with the email address when exactly one account has it", async () => {
    await store.accounts.create({ userName: "erin", password: "pw-erin-long", email: "Erin@Example.com" });
    expect(await store.accounts.verifyPassword("erin@example.com", "pw-erin-long")).toMatchObject({ ok: true, account: { userName: "erin" } });
    await store.accounts.create({ userName: "erin2", password: "pw-erin-long", email: "erin@example.com" });
    expect(await store.accounts.verifyPassword("erin@example.com", "pw-erin-long")).toEqual({ ok: false, error: "invalid_credentials" });
  });

  it("finds nothing for a lookup with NUL, which PostgreSQL cannot even compare", async () => {
    const created = await store.accounts.create({ userName: "nul-lookup", password: "correct horse", email: "nul@example.com" });
    if (!created.ok) throw new Error("not created");
    const nul = `${created.account.id}\u0000`;
    expect(await store.accounts.findById(nul)).toBeUndefined();
    expect(await store.accounts.findByUserName("nul-lookup\u0000")).toBeUndefined();
    expect(await store.accounts.findByEmail("nul@example.com\u0000")).toEqual([]);
    expect(await store.accounts.list({ userName: "\u0000", limit: 10, offset: 0 })).toEqual({ total: 0, accounts: [] });
    expect(await store.accounts.list({ externalId: "\u0000", limit: 10, offset: 0 })).toEqual({ total: 0, accounts: [] });
    expect(await store.accounts.delete(nul)).toBe(false);
    expect(await store.accounts.findById(created.account.id)).toBeDefined();
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
