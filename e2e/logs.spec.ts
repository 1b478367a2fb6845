import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { uniqueName } from "./support/admin";
import { ADMIN_API_TOKEN, ADMIN_TOKEN, ADMIN_URL, AUTH_SERVER, E2E_DATA_DIR, ISSUER, port, SECRET, SMTP_PORT } from "./support/env";
import { expect, test } from "./support/fixtures";
import { messages } from "./support/messages";
import { expectCheckYourMail, register } from "./screens/account-screens";
import { startSignIn } from "./screens/client-app";
import { expectLoginScreen, signIn } from "./screens/login-screen";

// The UI's log (common/log.ts, proxy.ts, instrumentation.ts): one JSON line per request with a
// request id, and never a password, a challenge, a one-time code or a full address — whatever
// the code, Next.js or a library prints. A UI of its own is started for this test so that its
// output can be read; it shares the suite's authorization server, database and mail server.

const m = messages.ja;
const FORWARDED_FOR = "203.0.113.77";

interface OwnUi {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function startOwnUi(): Promise<OwnUi> {
  const uiPort = port(3192);
  const url = `http://localhost:${uiPort}`;
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(uiPort), "-H", "localhost"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      TOBIRA_DATA_DIR: path.resolve(E2E_DATA_DIR),
      TOBIRA_SECRET: SECRET,
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      TOBIRA_PUBLIC_URL: url,
      HYDRA_ADMIN_URL: ADMIN_URL,
      ...(AUTH_SERVER === "core" ? { HYDRA_ADMIN_TOKEN: ADMIN_API_TOKEN } : {}),
      HYDRA_PUBLIC_URL: ISSUER,
      TOBIRA_ADMIN_TOKEN: ADMIN_TOKEN,
      TOBIRA_SCOPE_CATALOGUE: "e2e/support/scopes.json",
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      TOBIRA_MAIL_FROM: "Tobira test <no-reply@tobira.test>",
      TOBIRA_REGISTRATION: "on",
      TOBIRA_REGISTRATION_FIELDS: "givenName,familyName",
      TOBIRA_PROXY_HOPS: "1",
      TOBIRA_MAIL_PER_CLIENT: "100000",
    },
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${url}/api/health`).then((res) => res.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the UI did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

test("the UI writes one JSON line per request with its id, and never a password, a challenge or a full address", async ({ browser, client, person }) => {
  const ui = await startOwnUi();
  const context = await browser.newContext({ locale: "ja-JP", extraHTTPHeaders: { "X-Forwarded-For": FORWARDED_FOR } });
  const page = await context.newPage();
  const registration = { email: `${uniqueName("logged")}@example.com`, password: `pw-${crypto.randomBytes(8).toString("hex")}`, givenName: "Hanako", familyName: "Sato" };
  let challenge = "";
  let requestId = "";
  try {
    // The authorization server sends the browser to the suite's UI; the same challenge is
    // answered by this one (both speak to the same admin API).
    await startSignIn(page, client);
    await expectLoginScreen(page, m);
    challenge = new URL(page.url()).searchParams.get("login_challenge") ?? "";
    const opened = await page.goto(`${ui.url}/login?${new URLSearchParams({ login_challenge: challenge })}`);
    requestId = opened?.headers()["x-request-id"] ?? "";
    await signIn(page, m, { identifier: person.userName, password: person.password });
    await expect(page).not.toHaveURL(new RegExp(`^${ui.url}/login`));

    await page.goto(`${ui.url}/register`);
    await register(page, m, registration);
    await expectCheckYourMail(page, m, registration.email);
  } finally {
    await context.close();
    await ui.stop();
  }

  // Next.js prints its start-up banner before the application (and instrumentation.ts) loads;
  // from the application's first line on, every line is JSON.
  const lines = ui.output().split("\n").filter((line) => line.trim() !== "");
  const first = lines.findIndex((line) => line.startsWith("{"));
  expect(first, ui.output()).toBeGreaterThanOrEqual(0);
  expect(lines.slice(0, first).every((line) => !line.includes("@") && !line.includes(challenge || "\u0000")), lines.slice(0, first).join("\n")).toBe(true);
  const entries = lines.slice(first).map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line: ${line}`);
    }
  });
  const requests = entries.filter((entry) => entry.msg === "request");
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(requests).toContainEqual(expect.objectContaining({ requestId, method: "GET", path: "/login", service: "ui", address: "203.0.113.x" }));
  expect(requests).toContainEqual(expect.objectContaining({ method: "POST", path: "/login" }));
  expect(requests).toContainEqual(expect.objectContaining({ method: "POST", path: "/register" }));
  expect(new Set(requests.map((entry) => entry.requestId)).size).toBe(requests.length);

  const everything = ui.output();
  for (const secret of [person.password, registration.password, challenge, registration.email, registration.email.split("@")[0]!, FORWARDED_FOR]) {
    expect(everything).not.toContain(secret);
  }
});
