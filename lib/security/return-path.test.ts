import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

// Each hostile value is also checked the way a browser reads it: resolved against the site as an
// href, it must stay on the site.
const SITE = "https://signin.example.com";
const staysOnSite = (path: string) => new URL(path, SITE).origin === SITE;

describe("the one safe return path", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeReturnPath("/login?login_challenge=abc")).toBe("/login?login_challenge=abc");
    expect(safeReturnPath("/consent?consent_challenge=a%2Fb%3D%3D")).toBe("/consent?consent_challenge=a%2Fb%3D%3D");
    expect(safeReturnPath("/")).toBe("/");
  });

  const hostile = [
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\u00a0/evil.example",
    "/\u200b/evil.example",
    "/\u0000/evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%E0%A4%A",
    "javascript:alert(1)",
    "evil.example",
    "",
    42,
    undefined,
    ["/login"],
  ];

  it.each(hostile.map((value) => [JSON.stringify(value), value]))("refuses %s", (_, value) => {
    expect(safeReturnPath(value)).toBeUndefined();
  });

  it("never answers a path a browser would take off the site", () => {
    for (const value of hostile) {
      const answered = safeReturnPath(value);
      if (answered !== undefined) expect(staysOnSite(answered)).toBe(true);
    }
    // What the hostile values do without the check: several of them leave.
    expect(hostile.filter((value) => typeof value === "string" && value !== "" && !staysOnSite(value)).length).toBeGreaterThan(5);
  });

  it("keeps inside an area when asked, after resolving dot-segments", () => {
    expect(safeReturnPath("/account/apps", "/account")).toBe("/account/apps");
    expect(safeReturnPath("/account/apps/revoke?client=a", "/account")).toBe("/account/apps/revoke?client=a");
    expect(safeReturnPath("/account?tab=1", "/account")).toBe("/account?tab=1");
    expect(safeReturnPath("/account", "/account")).toBe("/account");
    for (const outside of ["/accountant", "/account/../admin", "/account/%2e%2e/admin", "//evil.example/account", "https://evil.example/account", "/account\\@evil", "/login"]) {
      expect(safeReturnPath(outside, "/account"), outside).toBeUndefined();
    }
  });
});
