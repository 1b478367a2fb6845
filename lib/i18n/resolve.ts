import { parseAcceptLanguage } from "@/common/i18n/accept-language";
import { defaultLocale, isLocale, locales, type Locale } from "./routing";

// Locale resolution, in order (DESIGN.md "Public contract", CONSENT.md §3):
// 0. a choice the person made with the language switcher in this browser session (the saved
//    cookie plus the session-only explicit marker): someone who pressed "English" on a screen
//    whose app asked for ui_locales=ja means it, so the switch wins for the rest of the session;
//    a new browser session goes back to following the app's ui_locales,
// 1. the authorization request's ui_locales (OIDC Core 3.1.2.1: space-separated BCP 47 tags in
//    order of preference; the first supported wins, unsupported ones are ignored),
// 2. the person's saved choice (cookie),
// 3. Accept-Language (RFC 9110 12.5.4, by q-value),
// 4. the default.

export interface LocaleSources {
  uiLocales?: readonly string[] | string | null;
  cookie?: string | null;
  /** The explicit-choice marker cookie is present (see EXPLICIT_LOCALE_COOKIE). */
  explicit?: boolean;
  acceptLanguage?: string | null;
}

/** Matches a BCP 47 tag to a shipped locale, ignoring case: exact, then by primary language
 * ("en-US" → "en"). */
export function matchLocale(tag: string): Locale | undefined {
  const normalized = tag.trim().toLowerCase();
  if (!normalized || normalized === "*") return undefined;
  const shipped = locales();
  const primary = normalized.split("-")[0];
  return shipped.find((locale) => locale.toLowerCase() === normalized) ?? shipped.find((locale) => locale.toLowerCase() === primary);
}

function tagsOf(uiLocales: LocaleSources["uiLocales"]): string[] {
  if (!uiLocales) return [];
  const list = typeof uiLocales === "string" ? [uiLocales] : uiLocales;
  return list.flatMap((entry) => entry.split(/\s+/)).filter(Boolean);
}

function firstMatch(tags: readonly string[]): Locale | undefined {
  for (const tag of tags) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return undefined;
}

export function resolveLocale(sources: LocaleSources): Locale {
  const saved = isLocale(sources.cookie) ? sources.cookie : undefined;
  if (saved && sources.explicit) return saved;
  return (
    firstMatch(tagsOf(sources.uiLocales)) ??
    saved ??
    firstMatch(parseAcceptLanguage(sources.acceptLanguage ?? "")) ??
    defaultLocale
  );
}
