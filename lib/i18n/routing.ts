import path from "node:path";
import { DEFAULT_LANGUAGE, loadLanguageDirectory, type Language, type LanguageSet } from "@/common/i18n/languages";

// The shipped languages are the files in locales/ (see languages.ts); ja is the default. There
// is no locale prefix in paths: the locale is resolved per request (resolve.ts) and handed down
// in LOCALE_HEADER.

/** A BCP 47 tag of a shipped language (a file in locales/). */
export type Locale = string;
export const defaultLocale: Locale = DEFAULT_LANGUAGE;

/** Request header proxy.ts sets with the resolved locale; request.ts and the layout read it. */
export const LOCALE_HEADER = "x-tobira-locale";
/** Cookie holding the person's saved language choice. */
export const LOCALE_COOKIE = "tobira_locale";
/** Session cookie set by the language switcher: this browser session's explicit choice, which
 * outranks a challenge's ui_locales (see resolve.ts). */
export const EXPLICIT_LOCALE_COOKIE = "tobira_locale_explicit";

let loaded: LanguageSet | undefined;
let byTag: ReadonlyMap<string, Language> = new Map();

/** Read once per process. `npm start` refuses incomplete files before the UI starts; should one
 * slip through (the UI started another way), it is left out with a logged reason. */
export function shippedLanguages(): readonly Language[] {
  if (!loaded) {
    loaded = loadLanguageDirectory(path.resolve("locales"), defaultLocale);
    byTag = new Map(loaded.languages.map((language) => [language.tag, language]));
    if (loaded.problems.length) console.error(`[tobira] languages left out:\n  ${loaded.problems.join("\n  ")}`);
  }
  return loaded.languages;
}

export function locales(): readonly Locale[] {
  return shippedLanguages().map((language) => language.tag);
}

export function languageOf(locale: Locale): Language | undefined {
  shippedLanguages();
  return byTag.get(locale);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && languageOf(value) !== undefined;
}

/** Writing direction of a locale, for <html dir>. */
export function directionOf(locale: Locale): "ltr" | "rtl" {
  return languageOf(locale)?.direction ?? "ltr";
}
