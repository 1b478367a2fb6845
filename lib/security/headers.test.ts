import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders, strictTransportSecurity } from "./headers";

describe("security headers", () => {
  it("builds a strict nonce-based CSP for production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", development: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'nonce-abc'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe");
    // Must not block the redirect chain after a form post (see headers.ts).
    expect(csp).not.toContain("form-action");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("allows eval only in development and upgrades only on https", () => {
    expect(contentSecurityPolicy({ nonce: "n", development: true, https: true })).toMatch(/'unsafe-eval'.*upgrade-insecure-requests/);
  });

  it("forbids framing and sniffing and sends no referrer off-site", () => {
    expect(securityHeaders("x", { https: false, includeSubDomains: false })).toMatchObject({
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
      "X-Content-Type-Options": "nosniff",
    });
  });

  it("sends HSTS for a year over https only, with subdomains when asked", () => {
    expect(strictTransportSecurity({ https: true, includeSubDomains: false })).toBe("max-age=31536000");
    expect(strictTransportSecurity({ https: true, includeSubDomains: true })).toBe("max-age=31536000; includeSubDomains");
    expect(strictTransportSecurity({ https: false, includeSubDomains: true })).toBeUndefined();
    const maxAge = Number(/max-age=(\d+)/.exec(strictTransportSecurity({ https: true, includeSubDomains: false }) ?? "")?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(365 * 24 * 60 * 60);
    expect(securityHeaders("x", { https: true, includeSubDomains: false })["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(securityHeaders("x", { https: false, includeSubDomains: true })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("makes a fresh nonce each time", () => {
    expect(createNonce()).not.toBe(createNonce());
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
