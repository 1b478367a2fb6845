import { describe, expect, it } from "vitest";
import { inputDirection, isolate } from "./bidi";

describe("bidi isolation", () => {
  it("wraps a value in first-strong and pop isolates", () => {
    const isolated = isolate("hanako@example.com");
    expect([...isolated].map((c) => c.codePointAt(0))).toEqual([0x2068, ...[..."hanako@example.com"].map((c) => c.codePointAt(0)), 0x2069]);
  });

  it("writes addresses and codes left to right, free text by what is typed", () => {
    expect(inputDirection("email")).toBe("ltr");
    expect(inputDirection("code")).toBe("ltr");
    expect(inputDirection("password")).toBe("ltr");
    expect(inputDirection("text")).toBe("auto");
    expect(inputDirection("date")).toBeUndefined();
  });
});
