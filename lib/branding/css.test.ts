import { describe, expect, it } from "vitest";
import { brandCss } from "./css";
import { builtInDefaultBrand } from "./load";

describe("brandCss", () => {
  it("writes the brand's tokens as the theme's custom properties", () => {
    const css = brandCss(builtInDefaultBrand);
    expect(css).toMatch(/^:root\{--color-brand:#1d4ed8;/);
    expect(css).toContain("--color-on-brand:#ffffff");
    expect(css).toContain("--radius-brand:8px");
    expect(css).toContain("color-scheme:light");
    expect(css).not.toContain("prefers-color-scheme");
  });

  it("adds the dark palette under prefers-color-scheme", () => {
    const css = brandCss({ ...builtInDefaultBrand, darkColors: { ...builtInDefaultBrand.colors, background: "#000000" } });
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)\{:root\{[^}]*--color-canvas:#000000/);
    expect(css).toContain("color-scheme:light dark");
  });
});
