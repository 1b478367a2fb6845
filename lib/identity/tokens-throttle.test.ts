import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMetrics } from "@/lib/metrics";
import { parseExposition, valueOf } from "@/lib/testing/prometheus";
import { openIdentityStore, type IdentityStore } from "./store";
import { delayFor, limitsIn } from "./limits";
import { DEFAULT_POLICY, throttleIn, type Throttle, type ThrottleSubject } from "./throttle";
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

  const throttleAt = () => throttleIn(limitsIn(store.database.db, store.database.engine, now));

  /** One wrong password: counted, then reported as failed. */
  async function fail(throttle: Throttle, subject: ThrottleSubject) {
    const reserved = await throttle.reserve(subject);
    return reserved.ok ? reserved.settle(false) : reserved.state;
  }

  it("locks an account name after repeated failures, from any address, and forgets later", async () => {
    const throttle = throttleAt();
    const subject = { account: "someone", address: "192.0.2.1" };
    for (let i = 0; i < DEFAULT_POLICY.account.free; i++) expect(await fail(throttle, subject)).toEqual({ locked: false });
    const locked = await fail(throttle, subject);
    expect(locked).toEqual({ locked: true, retryAt: new Date((clock + DEFAULT_POLICY.account.baseDelay) * 1000) });
    expect(await throttle.check({ account: "someone", address: "198.51.100.7" })).toMatchObject({ locked: true });
    expect(await throttle.check({ account: "someone-else", address: "198.51.100.7" })).toEqual({ locked: false });
    // While locked, an attempt is refused without being counted, and the refusal is a metric of
    // the limit that refused it (the address is not locked).
    const refusals = (kind: string) => valueOf(parseExposition(renderMetrics()), "tobira_throttled_attempts_total", { kind });
    const [accountBefore, addressBefore] = [refusals("account"), refusals("address")];
    expect(await throttle.reserve(subject)).toMatchObject({ ok: false, state: { locked: true } });
    expect([refusals("account") - accountBefore, refusals("address") - addressBefore]).toEqual([1, 0]);

    clock += DEFAULT_POLICY.account.baseDelay;
    expect(await throttle.check(subject)).toEqual({ locked: false });
    expect(await fail(throttle, subject)).toEqual({
      locked: true,
      retryAt: new Date((clock + DEFAULT_POLICY.account.baseDelay * 2) * 1000),
    });

    clock += DEFAULT_POLICY.account.forgetAfter + 1;
    expect(await fail(throttle, subject)).toEqual({ locked: false });
    const right = await throttle.reserve(subject);
    expect(right.ok && (await right.settle(true))).toEqual({ locked: false });
  });

  it("locks a client address that tries many names", async () => {
    const throttle = throttleAt();
    let last;
    for (let i = 0; i <= DEFAULT_POLICY.address.free; i++) last = await fail(throttle, { account: `name-${i}`, address: "203.0.113.9" });
    expect(last).toMatchObject({ locked: true });
    expect(await throttle.check({ account: "fresh-name", address: "203.0.113.9" })).toMatchObject({ locked: true });
  });

  it("gives a shared address its attempt back when the sign-in succeeds", async () => {
    const throttle = throttleAt();
    // More correct sign-ins from one office address than the address's free failures.
    for (let i = 0; i <= DEFAULT_POLICY.address.free + 5; i++) {
      const reserved = await throttle.reserve({ account: `colleague-${i}`, address: "198.51.100.20" });
      expect(reserved.ok).toBe(true);
      if (reserved.ok) await reserved.settle(true);
    }
    expect(await throttle.check({ account: "anyone", address: "198.51.100.20" })).toEqual({ locked: false });
  });

  it("lets no more guesses through a burst of parallel attempts than one at a time would", async () => {
    const throttle = throttleAt();
    const subject = { account: "burst-target", address: "192.0.2.99" };
    // 40 wrong passwords at once: each is counted before it is checked, so only the free ones
    // and the one that locks are checked; the rest find the account locked.
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => throttle.reserve(subject)));
    const checked = outcomes.filter((outcome) => outcome.ok);
    expect(checked).toHaveLength(DEFAULT_POLICY.account.free + 1);
    for (const outcome of checked) if (outcome.ok) await outcome.settle(false);
    expect(await throttle.check(subject)).toMatchObject({ locked: true });
    const row = await store.database.db.selectFrom("login_throttle").selectAll().execute();
    expect(row.some((r) => Number(r.failures) === DEFAULT_POLICY.account.free + 1)).toBe(true);
  });
});
