import { describe, expect, it } from "vitest";
import { createLogger, requestIdFrom, routeConsoleTo, scrub } from "./log";

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger("ui", (line) => lines.push(line)) };
}

describe("the log", () => {
  it("writes one JSON object per line with time, level, service and message", () => {
    const { lines, logger } = capture();
    logger.info("request", { requestId: "r-12345678", method: "GET", path: "/login", status: 200 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "info", service: "ui", msg: "request", requestId: "r-12345678", path: "/login", status: 200 });
  });

  it("never writes passwords, codes, tokens or secrets, however deep or however named", () => {
    const { lines, logger } = capture();
    logger.error("failed", {
      password: "hunter2-password",
      form: { newPassword: "hunter3-password", otp: "123456", recoveryCode: "ABCD-EFGH", user_code: "WXYZ-1234" },
      headers: { cookie: "tobira_account=abc", authorization: "Bearer tok-secret" },
      login_challenge: "challenge-value",
      client_secret: "s3cr3t-value",
      refresh_token: "rt-value",
      statusCode: 503,
    });
    const line = lines[0]!;
    for (const secret of ["hunter2", "hunter3", "123456", "ABCD-EFGH", "WXYZ-1234", "tobira_account=abc", "tok-secret", "challenge-value", "s3cr3t", "rt-value"]) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line)).toMatchObject({ statusCode: 503 });
  });

  it("reduces e-mail addresses in text to their domain", () => {
    const { lines, logger } = capture();
    logger.warn("mail to hanako.yamada@example.jp failed", { detail: "rcpt <hanako.yamada@example.jp> refused" });
    expect(lines[0]).not.toContain("hanako.yamada");
    expect(lines[0]).toContain("…@example.jp");
  });

  it("logs errors with their name, message and stack, scrubbed", () => {
    const value = scrub(new Error("connect ECONNREFUSED for taro@example.com")) as Record<string, string>;
    expect(value.name).toBe("Error");
    expect(value.message).toBe("connect ECONNREFUSED for …@example.com");
    expect(value.stack).toContain("log.test.ts");
  });

  it("takes a proxy's request id only when it looks like one", () => {
    expect(requestIdFrom("edge-0123456789")).toBe("edge-0123456789");
    const fresh = requestIdFrom('"><script>');
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});

describe("console calls", () => {
  it("become scrubbed JSON lines", () => {
    const lines: string[] = [];
    const saved = { ...console };
    try {
      routeConsoleTo(createLogger("ui", (line) => lines.push(line)));
      console.error("register: unexpected failure", new Error("duplicate key for ume@example.org"));
      console.info({ password: "plain-password", step: "x" });
    } finally {
      Object.assign(console, saved);
    }
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ level: "error", msg: "register: unexpected failure", detail: { name: "Error", message: "duplicate key for …@example.org" } });
    expect(second).toMatchObject({ level: "info", msg: "", detail: { password: "[redacted]", step: "x" } });
  });
});
