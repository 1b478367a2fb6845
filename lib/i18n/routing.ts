// Declared once: the locales Tobira ships and the default. There is no locale prefix in paths;
// the locale is resolved per request (see resolve.ts) and handed down in LOCALE_HEADER.

export const locales = ["ja", "en", "ar"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ja";

/** Request header proxy.ts sets with the resolved locale; request.ts and the layout read it. */
export const LOCALE_HEADER = "x-tobira-locale";
/** Cookie holding the person's saved language choice. */
export const LOCALE_COOKIE = "tobira_locale";
/** Session cookie set by the language switcher: this browser session's explicit choice, which
 * outranks a challenge's ui_locales (see resolve.ts). */
export const EXPLICIT_LOCALE_COOKIE = "tobira_locale_explicit";

/** Writing direction of each locale, for <html dir>. */
export const localeDirection: Readonly<Record<Locale, "ltr" | "rtl">> = { ja: "ltr", en: "ltr", ar: "rtl" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
