import fs from "node:fs";
import path from "node:path";
import { messageKeys } from "./keys";

// The shipped languages are the files in locales/: `<tag>.json` (a BCP 47 tag) with every key
// the default language has. Adding a language is adding its file; its direction and its own name
// come from the Unicode CLDR data built into Node (Intl), so no code lists languages.

/** The language shown when nothing asks for another (the first in the switcher). */
export const DEFAULT_LANGUAGE = "ja";

export interface Language {
  tag: string;
  direction: "ltr" | "rtl";
  /** The language's name in itself ("English", "العربية"), for the switcher. */
  name: string;
  messages: unknown;
}

export interface LanguageSet {
  /** The default language first, then the others by their own names (Unicode root collation). */
  languages: readonly Language[];
  /** Files left out, each with why: `npm start` refuses to start while there are any. */
  problems: readonly string[];
}

export class LanguageError extends Error {
  constructor(problems: readonly string[]) {
    super(`These language files cannot be used:\n  ${problems.join("\n  ")}`);
  }
}

const SHOWN_KEYS = 5;

export function canonicalTag(candidate: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(candidate);
    return canonical;
  } catch {
    return undefined;
  }
}

export function directionOfTag(tag: string): "ltr" | "rtl" {
  // V8 exposes CLDR's text direction as `textInfo` (newer engines: getTextInfo()).
  const locale = new Intl.Locale(tag) as Intl.Locale & { textInfo?: { direction?: string }; getTextInfo?: () => { direction?: string } };
  const info = locale.getTextInfo?.() ?? locale.textInfo;
  return info?.direction === "rtl" ? "rtl" : "ltr";
}

/** The language's name in itself, or undefined for a tag CLDR does not know as a language. */
export function nativeName(tag: string): string | undefined {
  if (new Intl.DisplayNames(["en"], { type: "language", fallback: "none" }).of(tag) === undefined) return undefined;
  const name = new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

function listed(label: string, keys: readonly string[]): string {
  const shown = keys.slice(0, SHOWN_KEYS).join(", ");
  return `${keys.length} ${label} (${shown}${keys.length > SHOWN_KEYS ? ", …" : ""})`;
}

/** Checks one parsed file against the default language's keys; returns what is wrong with it. */
export function checkMessages(messages: unknown, expected: ReadonlySet<string>): string[] {
  const keys = typeof messages === "object" && messages !== null && !Array.isArray(messages) ? messageKeys(messages) : [];
  const present = new Set(keys);
  const missing = [...expected].filter((key) => !present.has(key));
  const unknown = keys.filter((key) => !expected.has(key));
  const empty = keys.filter((key) => {
    const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
    return typeof value !== "string" || value.trim() === "";
  });
  return [
    ...(missing.length ? [listed("missing keys", missing)] : []),
    ...(unknown.length ? [listed("keys the default language does not have", unknown)] : []),
    ...(empty.length ? [listed("empty or non-text messages", empty)] : []),
  ];
}

function readJson(file: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(fs.readFileSync(file, "utf8")) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

export function loadLanguageDirectory(dir: string, defaultTag: string): LanguageSet {
  const base = readJson(path.join(dir, `${defaultTag}.json`));
  if (!base.ok) throw new LanguageError([`${defaultTag}.json (the default language): ${base.reason}`]);
  const expected = new Set(messageKeys(base.value));
  const problems: string[] = [];
  const languages: Language[] = [];
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".json")).sort()) {
    const candidate = file.slice(0, -".json".length);
    const tag = canonicalTag(candidate);
    const name = tag === candidate ? nativeName(tag) : undefined;
    if (!tag || !name) {
      problems.push(`${file}: the name must be a BCP 47 language tag${tag && tag !== candidate ? ` (${tag}.json)` : " such as ko.json or pt-BR.json"}`);
      continue;
    }
    const parsed = tag === defaultTag ? base : readJson(path.join(dir, file));
    if (!parsed.ok) {
      problems.push(`${file}: ${parsed.reason}`);
      continue;
    }
    const wrong = checkMessages(parsed.value, expected);
    if (wrong.length) {
      problems.push(`${file}: ${wrong.join("; ")}`);
      continue;
    }
    languages.push({ tag, direction: directionOfTag(tag), name, messages: parsed.value });
  }
  const collator = new Intl.Collator("und");
  languages.sort((a, b) => Number(b.tag === defaultTag) - Number(a.tag === defaultTag) || collator.compare(a.name, b.name));
  return { languages, problems };
}
