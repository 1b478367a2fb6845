import { describe, expect, it } from "vitest";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, RECOVERY_CODE_COUNT } from "./recovery";

describe("recovery codes", () => {
  it("makes ten distinct, readable codes", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(code).not.toMatch(/[01ilo]/);
      expect(looksLikeRecoveryCode(code)).toBe(true);
    }
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });

  it("hashes the code as typed in any case or grouping, keyed by the secret", () => {
    const secret = "a-test-secret-that-is-long-enough-0123456789";
    const hash = hashRecoveryCode(secret, "abcde-fghjk");
    expect(hash).not.toContain("abcde");
    expect(hashRecoveryCode(secret, " ABCDE FGHJK ")).toBe(hash);
    expect(hashRecoveryCode(`${secret}!`, "abcde-fghjk")).not.toBe(hash);
  });
});
