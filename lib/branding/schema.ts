import { z } from "zod";
import { isLocale } from "../i18n/routing";
import { contrastRatio, mix } from "./contrast";
import { fontNames } from "./fonts";

// The brand file format (branding/<name>.json). Operator data, validated twice: by `npm start`
// before anything runs (scripts/lib/config.ts) and by the UI when it loads brands (./load.ts).
// Everything that reaches CSS is a #rrggbb colour, a number or a name from an allow-list, so a
// brand cannot inject CSS; every text/background pair must meet WCAG 2.2 AA (SC 1.4.3, 4.5:1).

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour").transform((c) => c.toLowerCase());

export const palette = z.strictObject({
  primary: colour,
  onPrimary: colour,
  background: colour,
  surface: colour,
  text: colour,
  muted: colour,
  danger: colour,
});
export type Palette = z.infer<typeof palette>;

/** A file in branding/assets/, by name only: no paths, no URLs, only image types served safely. */
export const assetName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*\.(svg|png|webp)$/, "must be a file name in branding/assets/ ending in .svg, .png or .webp");

const webUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" });

export const brandSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  logo: z.strictObject({ light: assetName, dark: assetName.optional() }).optional(),
  colors: palette,
  darkColors: palette.optional(),
  /** Corner radius in CSS pixels. */
  radius: z.number().min(0).max(24).default(8),
  font: z.enum(fontNames).default("system"),
  links: z.strictObject({ support: webUrl.optional(), terms: webUrl.optional(), privacy: webUrl.optional() }).default({}),
  /** Per-locale overrides of any message: { "ja": { "Login.title": "…" } }. */
  messages: z.record(z.string(), z.record(z.string(), z.string().min(1))).default({}),
});
export type BrandInput = z.input<typeof brandSchema>;

export interface Brand extends z.infer<typeof brandSchema> {
  /** The file's name without .json: what clients' metadata.tobira.brand refers to. */
  id: string;
}

/** Text / background pairs the screens actually use, by token. */
const PAIRS: readonly (readonly [keyof Palette, keyof Palette | "dangerSoft"])[] = [
  ["text", "background"],
  ["text", "surface"],
  ["muted", "surface"],
  ["muted", "background"],
  ["onPrimary", "primary"],
  ["primary", "surface"],
  ["primary", "background"],
  ["danger", "surface"],
  ["danger", "dangerSoft"],
];
const AA = 4.5;

/** The tinted background of error summaries, derived so brands need not list it. */
export const dangerSoft = (p: Palette) => mix(p.danger, p.surface, 0.08);

/** Every pair below WCAG AA, described for an operator. */
export function contrastProblems(p: Palette, where: "colors" | "darkColors"): string[] {
  const value = (token: keyof Palette | "dangerSoft") => (token === "dangerSoft" ? dangerSoft(p) : p[token]);
  const label = (token: keyof Palette | "dangerSoft") =>
    token === "dangerSoft" ? `the error background derived from ${where}.danger (${value(token)})` : `${where}.${token} (${value(token)})`;
  return PAIRS.flatMap(([fg, bg]) => {
    const ratio = contrastRatio(value(fg), value(bg));
    return ratio >= AA ? [] : [`${label(fg)} on ${label(bg)} has contrast ${ratio.toFixed(2)}:1; WCAG AA needs at least ${AA}:1`];
  });
}

export interface BrandContext {
  /** Every message key the locale files define ("Login.title"); overrides must name one. */
  messageKeys: ReadonlySet<string>;
  /** Whether branding/assets/<name> exists. */
  assetExists: (name: string) => boolean;
}

export type BrandResult = { ok: true; brand: Brand } | { ok: false; problems: string[] };

/** Validates one brand file's JSON; problems name the field or the colour pair at fault. */
export function validateBrand(id: string, raw: unknown, context: BrandContext): BrandResult {
  const parsed = brandSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join(".") || "(file)"}: ${issue.message}`) };
  }
  const brand = parsed.data;
  const problems = [...contrastProblems(brand.colors, "colors"), ...(brand.darkColors ? contrastProblems(brand.darkColors, "darkColors") : [])];
  for (const file of [brand.logo?.light, brand.logo?.dark]) {
    if (file && !context.assetExists(file)) problems.push(`logo: branding/assets/${file} does not exist`);
  }
  for (const [locale, overrides] of Object.entries(brand.messages)) {
    if (!isLocale(locale)) problems.push(`messages.${locale}: not a shipped language (no locales/${locale}.json)`);
    for (const key of Object.keys(overrides)) {
      if (!context.messageKeys.has(key)) problems.push(`messages.${locale}: "${key}" is not a message key`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, brand: { ...brand, id } };
}
