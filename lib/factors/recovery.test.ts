import { describe, expect, it } from "vitest";
import { hashRecoveryCode, legacyRecoveryKey, looksLikeRecoveryCode, newRecoveryCodes, newRecoveryKey, RECOVERY_CODE_COUNT } from "./recovery";

/** hashRecoveryCode("a-test-secret-that-is-long-enough-0123456789", "abcde-fghjk") before the key ring. */
const LEGACY_HASH = "WNonnJjAv_7PlOTJeIz0EEEG1AdNRQxnVnG2xFS7Wnc";

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

  it("hashes the code as typed in any case or grouping, keyed by the set's key", () => {
    const key = newRecoveryKey();
    const hash = hashRecoveryCode(key, "abcde-fghjk");
    expect(hash).not.toContain("abcde");
    expect(hashRecoveryCode(key, " ABCDE FGHJK ")).toBe(hash);
    expect(hashRecoveryCode(newRecoveryKey(), "abcde-fghjk")).not.toBe(hash);
  });

  it("still hashes a set made before the key ring under the key derived from the secret", () => {
    const secret = "a-test-secret-that-is-long-enough-0123456789";
    // What such a set holds for "abcde-fghjk" (hashRecoveryCode(secret, code) before the ring).
    expect(hashRecoveryCode(legacyRecoveryKey(secret), "abcde-fghjk")).toBe(LEGACY_HASH);
    expect(hashRecoveryCode(legacyRecoveryKey(`${secret}!`), "abcde-fghjk")).not.toBe(LEGACY_HASH);
  });
});
