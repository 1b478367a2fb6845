import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import ja from "@/locales/ja.json";
import { messageKeys } from "@/common/i18n/keys";
import { loadBrandDirectory } from "./load";

const keys = new Set(messageKeys(ja));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function folder(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-brands-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return dir;
}

describe("loadBrandDirectory", () => {
  it("loads the shipped brands without a problem", () => {
    const { brands, problems } = loadBrandDirectory(path.resolve(import.meta.dirname, "../../branding"), keys);
    expect(problems).toEqual([]);
    expect([...brands.keys()].sort()).toEqual(["default", "sakura"]);
  });

  it("names the file and the pair of a low-contrast brand, and leaves it out", () => {
    const dir = folder({
      "pale.json": { name: "Pale", colors: { primary: "#9ca3af", onPrimary: "#ffffff", background: "#ffffff", surface: "#ffffff", text: "#111111", muted: "#555555", danger: "#b91c1c" } },
      "Bad Name.json": {},
      "broken.json": "{",
    });
    const { brands, problems } = loadBrandDirectory(dir, keys);
    expect(brands.has("pale")).toBe(false);
    expect(brands.has("default")).toBe(true);
    expect(problems).toContain("branding/pale.json: colors.onPrimary (#ffffff) on colors.primary (#9ca3af) has contrast 2.54:1; WCAG AA needs at least 4.5:1");
    expect(problems.join("\n")).toMatch(/Bad Name\.json: a brand file name/);
    expect(problems.join("\n")).toMatch(/broken\.json: not valid JSON/);
  });
});
