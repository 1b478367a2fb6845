import { describe, expect, it } from "vitest";
import { accountSessionSchema, deriveKey, isFresh, REAUTH_MAX_AGE_SECONDS, safeReturnPath, seal, unseal } from "./seal";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

describe("account cookies", () => {
  it("round-trips a session and refuses another key, another purpose, tampering and expiry", async () => {
    const key = deriveKey(SECRET, "account-session");
    const session = { sub: "u1", name: "Hanako", authTime: 1000, idToken: "id.token.value", since: 1_000_000 };
    const sealed = await seal(session, key, 60);
    expect(sealed).not.toContain("Hanako");
    expect(await unseal(sealed, key, accountSessionSchema)).toEqual(session);
    expect(await unseal(sealed, deriveKey("another-secret-that-is-long-enough-0000", "account-session"), accountSessionSchema)).toBeUndefined();
    expect(await unseal(sealed, deriveKey(SECRET, "account-flow"), accountSessionSchema)).toBeUndefined();
    expect(await unseal(`${sealed.slice(0, -4)}AAAA`, key, accountSessionSchema)).toBeUndefined();
    expect(await unseal(await seal(session, key, -10), key, accountSessionSchema)).toBeUndefined();
    expect(await unseal(await seal({ sub: "u1" }, key, 60), key, accountSessionSchema)).toBeUndefined();
  });

  it("asks for a fresh password after the re-authentication window", () => {
    expect(isFresh({ authTime: 1000 }, 1000 + REAUTH_MAX_AGE_SECONDS)).toBe(true);
    expect(isFresh({ authTime: 1000 }, 1001 + REAUTH_MAX_AGE_SECONDS)).toBe(false);
  });

  it("returns only to paths inside the account area", () => {
    expect(safeReturnPath("/account/apps")).toBe("/account/apps");
    expect(safeReturnPath("/account/apps/revoke?client=a")).toBe("/account/apps/revoke?client=a");
    expect(safeReturnPath("/accountant")).toBe("/account");
    expect(safeReturnPath("//evil.example/account")).toBe("/account");
    expect(safeReturnPath("https://evil.example/account")).toBe("/account");
    expect(safeReturnPath("/account\\@evil")).toBe("/account");
    expect(safeReturnPath(undefined)).toBe("/account");
  });
});
