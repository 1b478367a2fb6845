import { describe, expect, it } from "vitest";
import { isFresh, REAUTH_MAX_AGE_SECONDS, safeReturnPath } from "./session-data";

describe("the account session's rules", () => {
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
