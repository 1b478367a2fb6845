// Declared once: the locales Tobira ships and the default. There is no locale prefix in paths;
// the locale is resolved per request (see resolve.ts) and handed down in LOCALE_HEADER.

export const locales = ["ja", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ja";

/** Request header proxy.ts sets with the resolved locale; request.ts and the layout read it. */
export const LOCALE_HEADER = "x-tobira-locale";
/** Cookie holding the person's saved language choice. */
export const LOCALE_COOKIE = "tobira_locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
