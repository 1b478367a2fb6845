import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
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

  it("gives the UI and the embedded core one admin API token, under either name", () => {
    const token = "a".repeat(30);
    expect(loadStartConfig({ TOBIRA_DATA_DIR: dataDir() }).adminApiToken).toBeUndefined();
    expect(loadStartConfig({ TOBIRA_DATA_DIR: dataDir(), HYDRA_ADMIN_TOKEN: token }).adminApiToken).toBe(token);
    expect(loadStartConfig({ TOBIRA_DATA_DIR: dataDir(), CORE_ADMIN_TOKEN: token }).adminApiToken).toBe(token);
    expect(loadStartConfig({ TOBIRA_DATA_DIR: dataDir(), CORE_ADMIN_TOKEN: token, HYDRA_ADMIN_TOKEN: token }).adminApiToken).toBe(token);
    expect(() => loadStartConfig({ TOBIRA_DATA_DIR: dataDir(), CORE_ADMIN_TOKEN: token, HYDRA_ADMIN_TOKEN: `${token}b` })).toThrow(/HYDRA_ADMIN_TOKEN: differs/);
    expect(() => loadStartConfig({ TOBIRA_DATA_DIR: dataDir(), HYDRA_ADMIN_TOKEN: "short" })).toThrow(/HYDRA_ADMIN_TOKEN: must be at least 24/);
    // An external server's token is that server's business.
    expect(loadStartConfig({ TOBIRA_DATA_DIR: dataDir(), HYDRA_ADMIN_URL: "http://hydra:4445", HYDRA_ADMIN_TOKEN: "short" }).adminApiToken).toBe("short");
  });

  it("does not start the embedded core when an external admin API is given", () => {
    const config = loadStartConfig({ TOBIRA_DATA_DIR: dataDir(), HYDRA_ADMIN_URL: "http://hydra:4445/", HYDRA_PUBLIC_URL: "https://auth.example.com" });
    expect(config).toMatchObject({ embedded: false, adminUrl: "http://hydra:4445", issuer: "https://auth.example.com" });
  });

  it("seeds the demo user and client into the embedded core, into an external server only when asked", () => {
    const external = { TOBIRA_DATA_DIR: dataDir(), HYDRA_ADMIN_URL: "http://hydra:4445", HYDRA_PUBLIC_URL: "https://auth.example.com" };
    expect(loadStartConfig({ TOBIRA_DATA_DIR: dataDir() }).demo).toBe(true);
    expect(loadStartConfig(external).demo).toBe(false);
    expect(loadStartConfig({ ...external, TOBIRA_DEMO: "on" }).demo).toBe(true);
    expect(() => loadStartConfig({ ...external, TOBIRA_DEMO: "yes" })).toThrow(/TOBIRA_DEMO/);
  });
});

describe("brands at start", () => {
  const pale = {
    name: "Pale",
    colors: { primary: "#1d4ed8", onPrimary: "#ffffff", background: "#ffffff", surface: "#ffffff", text: "#111111", muted: "#b0b0b0", danger: "#b91c1c" },
  };
  function brandingDir(files: Record<string, unknown>) {
    const dir = dataDir();
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(content));
    return dir;
  }

  it("lists the shipped brands", () => {
    expect(loadStartConfig({ TOBIRA_DATA_DIR: dataDir() }).brands).toEqual(["default", "sakura"]);
  });

  it("refuses a low-contrast brand, naming the file and the pair", () => {
    const load = () => loadStartConfig({ TOBIRA_DATA_DIR: dataDir(), TOBIRA_BRANDING_DIR: brandingDir({ "pale.json": pale }) });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/branding\/pale\.json: colors\.muted \(#b0b0b0\) on colors\.surface \(#ffffff\) has contrast 2\.\d\d:1; WCAG AA needs at least 4\.5:1/);
  });

  it("`npm start` stops at its configuration step with that message", () => {
    const result = spawnSync("npm", ["start", "--silent"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, TOBIRA_DATA_DIR: dataDir(), TOBIRA_BRANDING_DIR: brandingDir({ "pale.json": pale }) },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Tobira refuses these brands:\n {2}branding\/pale\.json: colors\.muted \(#b0b0b0\) on colors\.surface/);
    expect(result.stdout).not.toMatch(/Building|Tobira is running/);
  });
});
