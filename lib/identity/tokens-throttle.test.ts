import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openIdentityStore, type IdentityStore } from "./store";
import { delayFor, DEFAULT_POLICY, throttleIn } from "./throttle";
import { tokensIn } from "./tokens";

let dir: string;
let store: IdentityStore;
let clock = 1_000_000;
const now = () => clock;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-tokens-"));
  store = await openIdentityStore({ dataDir: dir, databaseUrl: process.env.DATABASE_URL });
  await store.database.db.deleteFrom("account_tokens").execute();
  await store.database.db.deleteFrom("login_throttle").execute();
});

afterAll(async () => {
  await store.database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("single-use links", () => {
  it("stores only a hash, works once, and expires", async () => {
    const tokens = tokensIn(store.database.db, now);
    const token = await tokens.issue({ purpose: "reset_password", accountId: "acct-1", payload: { a: 1 }, ttlSeconds: 600 });
    const rows = await store.database.db.selectFrom("account_tokens").selectAll().execute();
    expect(rows.some((row) => row.token_hash === token)).toBe(false);

    expect(await tokens.peek("verify_email", token)).toEqual({ ok: false, error: "invalid" });
    expect(await tokens.peek("reset_password", token)).toMatchObject({ ok: true, accountId: "acct-1", payload: { a: 1 } });
    const [first, second] = await Promise.all([tokens.consume("reset_password", token), tokens.consume("reset_password", token)]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(await tokens.peek("reset_password", token)).toEqual({ ok: false, error: "used" });

    const late = await tokens.issue({ purpose: "reset_password", accountId: "acct-1", ttlSeconds: 600 });
    clock += 601;
    expect(await tokens.consume("reset_password", late)).toEqual({ ok: false, error: "expired" });
    expect(await tokens.peek("reset_password", "not a token")).toEqual({ ok: false, error: "invalid" });
  });

  it("retires an account's outstanding links", async () => {
    const tokens = tokensIn(store.database.db, now);
    const token = await tokens.issue({ purpose: "reset_password", accountId: "acct-2", ttlSeconds: 600 });
    await tokens.retireAll("acct-2", "reset_password");
    expect(await tokens.consume("reset_password", token)).toEqual({ ok: false, error: "used" });
  });
});

describe("sign-in throttling", () => {
  it("doubles the delay after the free attempts and caps it", () => {
    const rule = DEFAULT_POLICY.account;
    expect(delayFor(rule, rule.free)).toBe(0);
    expect(delayFor(rule, rule.free + 1)).toBe(rule.baseDelay);
    expect(delayFor(rule, rule.free + 2)).toBe(rule.baseDelay * 2);
    expect(delayFor(rule, rule.free + 30)).toBe(rule.maxDelay);
  });

  it("locks an account name after repeated failures, from any address, and forgets later", async () => {
    const throttle = throttleIn(store.database.db, DEFAULT_POLICY, now);
    const subject = { account: "someone", address: "192.0.2.1" };
    for (let i = 0; i < DEFAULT_POLICY.account.free; i++) expect(await throttle.recordFailure(subject)).toEqual({ locked: false });
    const locked = await throttle.recordFailure(subject);
    expect(locked).toEqual({ locked: true, retryAt: new Date((clock + DEFAULT_POLICY.account.baseDelay) * 1000) });
    expect(await throttle.check({ account: "someone", address: "198.51.100.7" })).toMatchObject({ locked: true });
    expect(await throttle.check({ account: "someone-else", address: "198.51.100.7" })).toEqual({ locked: false });

    clock += DEFAULT_POLICY.account.baseDelay;
    expect(await throttle.check(subject)).toEqual({ locked: false });
    expect(await throttle.recordFailure(subject)).toEqual({
      locked: true,
      retryAt: new Date((clock + DEFAULT_POLICY.account.baseDelay * 2) * 1000),
    });

    clock += DEFAULT_POLICY.forgetAfter + 1;
    expect(await throttle.recordFailure(subject)).toEqual({ locked: false });
    await throttle.recordSuccess(subject);
  });

  it("locks a client address that tries many names", async () => {
    const throttle = throttleIn(store.database.db, DEFAULT_POLICY, now);
    let last;
    for (let i = 0; i <= DEFAULT_POLICY.address.free; i++) last = await throttle.recordFailure({ account: `name-${i}`, address: "203.0.113.9" });
    expect(last).toMatchObject({ locked: true });
    expect(await throttle.check({ account: "fresh-name", address: "203.0.113.9" })).toMatchObject({ locked: true });
  });
});
