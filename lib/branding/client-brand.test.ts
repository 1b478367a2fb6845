import { describe, expect, it } from "vitest";
import { brandIdOf } from "./client-brand";

describe("client metadata", () => {
  const metadata = { tobira: { brand: "sakura", verified: true } };

  it("reads the operator-assigned brand, only when it is a well-formed name", () => {
    expect(brandIdOf(metadata)).toBe("sakura");
    expect(brandIdOf({ tobira: { brand: "../x" } })).toBeUndefined();
    expect(brandIdOf({ brand: "sakura" })).toBeUndefined();
    expect(brandIdOf(undefined)).toBeUndefined();
  });
});
