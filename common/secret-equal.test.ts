import { describe, expect, it } from "vitest";
import { bearerMatches, bearerToken, secretsEqual } from "./secret-equal";

describe("secretsEqual", () => {
  it("is true for the same secret only", () => {
    expect(secretsEqual("s3cret-token", "s3cret-token")).toBe(true);
    expect(secretsEqual("s3cret-token-x", "s3cret-token")).toBe(false);
    expect(secretsEqual("s3cret-toke", "s3cret-token")).toBe(false);
    expect(secretsEqual("", "s3cret-token")).toBe(false);
    expect(secretsEqual("", "")).toBe(false);
  });

  it("compares values of any length without throwing (timingSafeEqual sees equal-length digests)", () => {
    expect(secretsEqual("x".repeat(100_000), "short")).toBe(false);
    expect(secretsEqual("é", "e\u0301")).toBe(false);
  });
});

describe("bearer tokens", () => {
  it("reads RFC 6750 §2.1 headers", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer  abc ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken(null)).toBeUndefined();
    expect(bearerMatches("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(bearerMatches("Bearer ", "")).toBe(false);
  });
});
