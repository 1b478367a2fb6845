import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadStartConfig } from "./config";

const dirs: string[] = [];
function dataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-start-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("loadStartConfig", () => {
  it("names every bad variable instead of starting", () => {
    const load = () => loadStartConfig({ TOBIRA_DATA_DIR: dataDir(), PORT: "eighty", DATABASE_URL: "mysql://x", TOBIRA_SECRET: "short" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*TOBIRA_SECRET/);
  });

  it("keeps one generated development secret per data directory and warns about it", () => {
    const dir = dataDir();
    const first = loadStartConfig({ TOBIRA_DATA_DIR: dir });
    const second = loadStartConfig({ TOBIRA_DATA_DIR: dir });
    expect(first.secret).toHaveLength(43);
    expect(second.secret).toBe(first.secret);
    expect(first.adminToken).not.toBe(first.secret);
    expect(first.warnings.join("\n")).toMatch(/TOBIRA_SECRET is not set[\s\S]*TOBIRA_ADMIN_TOKEN is not set/);
  });

  it("uses the operator's values without warnings", () => {
    const config = loadStartConfig({
      TOBIRA_DATA_DIR: dataDir(),
      TOBIRA_SECRET: "s".repeat(40),
      TOBIRA_ADMIN_TOKEN: "t".repeat(30),
      PORT: "8080",
    });
    expect(config).toMatchObject({ port: 8080, publicUrl: "http://localhost:8080", secret: "s".repeat(40), warnings: [] });
  });

  it("does not start the embedded core when an external admin API is given", () => {
    const config = loadStartConfig({ TOBIRA_DATA_DIR: dataDir(), HYDRA_ADMIN_URL: "http://hydra:4445/", HYDRA_PUBLIC_URL: "https://auth.example.com" });
    expect(config).toMatchObject({ embedded: false, adminUrl: "http://hydra:4445", issuer: "https://auth.example.com" });
  });
});
