import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

// proxy.ts puts the security headers on every response; HSTS only when the public URL is https.
// The proxy runs here as Next.js runs it, with the environment read at its first call.

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function headersFor(publicUrl: string, extra: Record<string, string> = {}) {
  Object.assign(process.env, { NODE_ENV: "test", TOBIRA_PUBLIC_URL: publicUrl, ...extra });
  const { proxy } = await import("@/proxy");
  const response = await proxy(new NextRequest(new URL("/", publicUrl)));
  return response.headers;
}

describe("the proxy's transport security", () => {
  it("sends Strict-Transport-Security for a year when Tobira is served over https", async () => {
    const headers = await headersFor("https://signin.example.com");
    expect(headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("covers subdomains only when TOBIRA_HSTS_INCLUDE_SUBDOMAINS=on", async () => {
    const headers = await headersFor("https://signin.example.com", { TOBIRA_HSTS_INCLUDE_SUBDOMAINS: "on" });
    expect(headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("sends none over http", async () => {
    const headers = await headersFor("http://localhost:3000");
    expect(headers.get("strict-transport-security")).toBeNull();
    expect(headers.get("x-frame-options")).toBe("DENY");
  });
});
