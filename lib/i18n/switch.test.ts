import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./switch";

describe("safeReturnPath", () => {
  const origin = "https://signin.example.com";

  it("keeps a same-origin path and its query (the challenge)", () => {
    expect(safeReturnPath("/login?login_challenge=abc", origin)).toBe("/login?login_challenge=abc");
  });

  it("refuses anything that could leave the site", () => {
    for (const bad of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil", "javascript:alert(1)", "/\t/evil.example", "", 42, undefined]) {
      expect(safeReturnPath(bad, origin)).toBe("/");
    }
  });
});
