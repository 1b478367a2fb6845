import { describe, expect, it } from "vitest";
import { tokensIn } from "@/lib/identity/tokens";
import { withIdentityStore } from "@/lib/testing/identity-store";
import { checkFirstFactorCode, FIRST_FACTOR_CODE_DIGITS, FIRST_FACTOR_PURPOSE } from "./first-factor-code";
import { THROTTLE } from "./store";

// The code mailed before a first second factor (issue 16): works once, for its account only, the
// newest one only, and guesses at it are limited like second-factor codes.

const testStore = withIdentityStore();

async function mailed(account: string, clock?: () => number) {
  const tokens = tokensIn(testStore.store.database.db, clock);
  return tokens.issueCode({ purpose: FIRST_FACTOR_PURPOSE, accountId: account, digits: FIRST_FACTOR_CODE_DIGITS, ttlSeconds: 600 });
}

const check = (account: string, code: string) => checkFirstFactorCode(testStore.store.tokens, testStore.factors, account, code);

/** An 8-digit code that is not `code`. */
const otherThan = (code: string, i = 1) => String((Number(code) + i) % 10 ** FIRST_FACTOR_CODE_DIGITS).padStart(FIRST_FACTOR_CODE_DIGITS, "0");

describe("the first-factor code", () => {
  it("is 8 digits, stored only as a hash, and works once", async () => {
    const account = await testStore.newAccount("code");
    const code = await mailed(account);
    expect(code).toMatch(/^\d{8}$/);
    const rows = await testStore.store.database.db.selectFrom("account_tokens").select("token_hash").where("account_id", "=", account).execute();
    expect(rows.map((row) => row.token_hash)).not.toContain(code);
    // As typed with a Japanese input method (full-width digits), with a space in the middle.
    const wide = code.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
    expect(await check(account, `${wide.slice(0, 4)} ${wide.slice(4)}`)).toEqual({ ok: true });
    expect(await check(account, code)).toEqual({ ok: false, error: "wrongCode" });
  });

  it("belongs to its account only, and only the newest one mailed works", async () => {
    const owner = await testStore.newAccount("code");
    const stranger = await testStore.newAccount("code");
    const first = await mailed(owner);
    expect(await check(stranger, first)).toEqual({ ok: false, error: "wrongCode" });
    const second = await mailed(owner);
    if (first !== second) expect(await check(owner, first)).toEqual({ ok: false, error: "wrongCode" });
    expect(await check(owner, second)).toEqual({ ok: true });
  });

  it("expires", async () => {
    const account = await testStore.newAccount("code");
    const code = await mailed(account, () => Math.floor(Date.now() / 1000) - 601);
    expect(await check(account, code)).toEqual({ ok: false, error: "wrongCode" });
  });

  it("locks after five wrong codes, then refuses the right one too", async () => {
    const account = await testStore.newAccount("code");
    const code = await mailed(account);
    for (let i = 1; i < THROTTLE.maxFailures; i++) expect(await check(account, otherThan(code, i))).toEqual({ ok: false, error: "wrongCode" });
    expect(await check(account, "not digits")).toEqual({ ok: false, error: "locked" });
    expect(await check(account, code)).toEqual({ ok: false, error: "locked" });
  });

  it("checks no more codes of a burst of parallel guesses than one at a time would", async () => {
    const account = await testStore.newAccount("code");
    const code = await mailed(account);
    // 40 wrong codes at once: each is counted before it is checked, so the first four are
    // answered as wrong, the fifth locks, and the rest find the code locked.
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => check(account, otherThan(code, i + 1))));
    expect(results.filter((r) => !r.ok && r.error === "wrongCode")).toHaveLength(THROTTLE.maxFailures - 1);
    expect(results.filter((r) => !r.ok && r.error === "locked")).toHaveLength(40 - (THROTTLE.maxFailures - 1));
    expect(await check(account, code)).toEqual({ ok: false, error: "locked" });
  });
});
