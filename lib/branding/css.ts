import { mix, relativeLuminance } from "./contrast";
import { fontStacks } from "./fonts";
import { dangerSoft, type Brand, type Palette } from "./schema";

// A brand as CSS custom properties: the Tailwind theme variables of app/globals.css (@theme),
// overridden on :root in a <style> element the root layout renders on the server, so the first
// HTML is already branded. Only validated colours, numbers and allow-listed font stacks are
// written, so the output cannot carry anything else.

function tokens(p: Palette): Record<string, string> {
  // Hover shade: moved away from the text colour on it, so hovering never lowers contrast.
  const darken = relativeLuminance(p.onPrimary) > relativeLuminance(p.primary);
  return {
    "--color-brand": p.primary,
    "--color-brand-strong": mix(p.primary, darken ? "#000000" : "#ffffff", 0.8),
    "--color-on-brand": p.onPrimary,
    "--color-canvas": p.background,
    "--color-surface": p.surface,
    "--color-ink": p.text,
    "--color-ink-muted": p.muted,
    "--color-line": mix(p.muted, p.surface, 0.7),
    "--color-danger": p.danger,
    "--color-danger-soft": dangerSoft(p),
  };
}

const declarations = (entries: Record<string, string>) =>
  Object.entries(entries)
    .map(([name, value]) => `${name}:${value}`)
    .join(";");

export function brandCss(brand: Brand): string {
  const light = declarations({
    ...tokens(brand.colors),
    "--radius-brand": `${brand.radius}px`,
    "--font-brand": fontStacks[brand.font],
    "color-scheme": brand.darkColors ? "light dark" : "light",
  });
  if (!brand.darkColors) return `:root{${light}}`;
  const dark = declarations({ ...tokens(brand.darkColors), "--color-warning": "#fcd34d", "--color-warning-soft": mix("#fcd34d", brand.darkColors.surface, 0.12) });
  return `:root{${light}}@media (prefers-color-scheme: dark){:root{${dark}}}`;
}
