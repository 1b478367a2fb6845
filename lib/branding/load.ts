import fs from "node:fs";
import path from "node:path";
import { validateBrand, type Brand } from "./schema";

// Reads a branding folder: <dir>/<name>.json brands and <dir>/assets/ images. Shared by `npm
// start`'s configuration check and the UI, so both refuse the same brands with the same words.

export const DEFAULT_BRAND_ID = "default";
const BRAND_FILE = /^([a-z0-9][a-z0-9-]{0,62})\.json$/;

/** Used when the branding folder has no default.json: Tobira's own look (app/globals.css). */
export const builtInDefaultBrand: Brand = {
  id: DEFAULT_BRAND_ID,
  name: "Tobira",
  colors: {
    primary: "#1d4ed8",
    onPrimary: "#ffffff",
    background: "#f1f5f9",
    surface: "#ffffff",
    text: "#0f172a",
    muted: "#475569",
    danger: "#b91c1c",
  },
  radius: 8,
  font: "system",
  links: {},
  messages: {},
};

export interface BrandSet {
  brands: ReadonlyMap<string, Brand>;
  /** One line per problem, each naming its file; empty when every brand is valid. */
  problems: string[];
}

export function loadBrandDirectory(dir: string, messageKeys: ReadonlySet<string>): BrandSet {
  const brands = new Map<string, Brand>();
  const problems: string[] = [];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((file) => file.endsWith(".json")).sort() : [];
  const assets = path.join(dir, "assets");
  const assetExists = (name: string) => fs.existsSync(path.join(assets, name));

  for (const file of files) {
    const id = BRAND_FILE.exec(file)?.[1];
    if (!id) {
      problems.push(`branding/${file}: a brand file name must be lowercase letters, digits and dashes`);
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    } catch (error) {
      problems.push(`branding/${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const result = validateBrand(id, raw, { messageKeys, assetExists });
    if (result.ok) brands.set(id, result.brand);
    else problems.push(...result.problems.map((problem) => `branding/${file}: ${problem}`));
  }
  if (!brands.has(DEFAULT_BRAND_ID) && !files.includes(`${DEFAULT_BRAND_ID}.json`)) brands.set(DEFAULT_BRAND_ID, builtInDefaultBrand);
  return { brands, problems };
}

export class BrandError extends Error {
  override name = "BrandError";
  constructor(problems: readonly string[]) {
    super(`Tobira refuses these brands:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}
