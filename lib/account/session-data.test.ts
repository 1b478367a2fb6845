import { describe, expect, it } from "vitest";
import { isFresh, REAUTH_MAX_AGE_SECONDS } from "./session-data";

describe("the account session's rules", () => {
  it("asks for a fresh password after the re-authentication window", () => {
    expect(isFresh({ authTime: 1000 }, 1000 + REAUTH_MAX_AGE_SECONDS)).toBe(true);
    expect(isFresh({ authTime: 1000 }, 1001 + REAUTH_MAX_AGE_SECONDS)).toBe(false);
  });
});
