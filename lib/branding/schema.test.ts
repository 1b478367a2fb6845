import { describe, expect, it } from "vitest";
import { contrastRatio } from "./contrast";
import { validateBrand, type BrandInput } from "./schema";

const colors = {
  primary: "#1d4ed8",
  onPrimary: "#ffffff",
  background: "#f1f5f9",
  surface: "#ffffff",
  text: "#0f172a",
  muted: "#475569",
  danger: "#b91c1c",
};
const context = { messageKeys: new Set(["Login.title"]), assetExists: (name: string) => name === "logo.svg" };
const validate = (brand: Partial<BrandInput>) => validateBrand("acme", { name: "Acme", colors, ...brand }, context);

describe("contrastRatio", () => {
  it("follows WCAG's formula", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });
});

describe("validateBrand", () => {
  it("accepts a complete brand and fills defaults", () => {
    const result = validate({ logo: { light: "logo.svg" }, messages: { ja: { "Login.title": "ようこそ" } } });
    expect(result).toMatchObject({ ok: true, brand: { id: "acme", radius: 8, font: "system", links: {} } });
  });

  it("rejects a text / background pair below AA, naming the pair and the ratio", () => {
    const result = validate({ colors: { ...colors, muted: "#aaaaaa" } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContain("colors.muted (#aaaaaa) on colors.surface (#ffffff) has contrast 2.32:1; WCAG AA needs at least 4.5:1");
  });

  it("checks the dark palette too", () => {
    const result = validate({ darkColors: { ...colors, background: "#111111", surface: "#111111" } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join("\n")).toMatch(/darkColors\.text \(#0f172a\) on darkColors\.background \(#111111\)/);
  });

  it("accepts only colours, numbers, allow-listed fonts and web links: no CSS gets through", () => {
    const result = validate({
      colors: { ...colors, primary: "red;}body{display:none" },
      font: "Comic Sans; } * { x" as "system",
      radius: "8px" as unknown as number,
      links: { support: "javascript:alert(1)" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join("\n")).toMatch(/colors\.primary: must be a #rrggbb colour/);
    expect(result.problems.join("\n")).toMatch(/font:/);
    expect(result.problems.join("\n")).toMatch(/radius:/);
    expect(result.problems.join("\n")).toMatch(/links\.support: must be an http\(s\) URL/);
  });

  it("refuses logos outside branding/assets and overrides of keys that do not exist", () => {
    expect(validate({ logo: { light: "../secret.svg" } }).ok).toBe(false);
    const result = validate({ logo: { light: "missing.svg" }, messages: { en: { "Login.nope": "x" } } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(["logo: branding/assets/missing.svg does not exist", 'messages.en: "Login.nope" is not a message key']);
  });

  it("refuses unknown fields and locales Tobira does not ship", () => {
    expect(validate({ logoUri: "https://x" } as Partial<BrandInput>).ok).toBe(false);
    expect(validate({ messages: { fr: { "Login.title": "x" } } } as Partial<BrandInput>).ok).toBe(false);
  });
});
