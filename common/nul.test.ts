import { describe, expect, it } from "vitest";
import { hasNul } from "./nul";

describe("hasNul", () => {
  it("finds NUL in a string, in nested values and in keys", () => {
    expect(hasNul("a\u0000b")).toBe(true);
    expect(hasNul(["ok", ["deep\u0000"]])).toBe(true);
    expect(hasNul({ a: { b: "x\u0000" } })).toBe(true);
    expect(hasNul({ "k\u0000": 1 })).toBe(true);
  });

  it("lets everything else through, other control and bidi characters included", () => {
    expect(hasNul("plain \u0007 \u202e text")).toBe(false);
    expect(hasNul({ a: [1, true, null, "x"] })).toBe(false);
    expect(hasNul(undefined)).toBe(false);
  });

  it("walks a value nested far deeper than the call stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}"x\\u0000"${"]".repeat(100_000)}`) as unknown;
    expect(hasNul(deep)).toBe(true);
  });
});
