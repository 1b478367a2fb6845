import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { port } from "./support/env";

// A UI started in production with the public development secrets, or with nowhere to send mail,
// must not start at all (lib/config/env.ts, instrumentation.ts): it would let anyone forge
// sessions and would print reset links to its console.

function startUi(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port(3190)), "-H", "127.0.0.1"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("production refuses to start with the development secrets or without a mail server", async () => {
  const started = await startUi({});
  expect(started.code).toBe(1);
  expect(started.output).toContain("TOBIRA_SECRET: must be set in production");
  expect(started.output).toContain("TOBIRA_ADMIN_TOKEN: must be set in production");
  expect(started.output).toContain("SMTP_URL: must be set in production");
});
