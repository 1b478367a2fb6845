import en from "../../locales/en.json" with { type: "json" };
import ja from "../../locales/ja.json" with { type: "json" };
import ar from "../../locales/ar.json" with { type: "json" };
import defaultBrand from "../../branding/default.json" with { type: "json" };

// Tests find controls by the same translated labels a person reads, in each shipped language.
export const messages = { ja, en, ar } as const;
export type Locale = keyof typeof messages;
export type Messages = (typeof messages)[Locale];

/** A message as a person sees it: ICU arguments filled in, rich-text tags dropped. */
export function text(template: string, values: Record<string, string> = {}): string {
  return template.replace(/<\/?[a-z]+>/g, "").replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** The service's name as the screens and mails show it for apps without a brand of their own. */
export function serviceName(m: Messages): string {
  return text(m.Common.serviceName, { brand: defaultBrand.name });
}

/** An address or name as the screens set it into a sentence: in Unicode bidi isolates
 * (U+2068 … U+2069), so right-to-left text keeps it in its own order. Written out here rather
 * than imported from lib/i18n/bidi.ts, so a broken isolate() fails the tests. */
export function isolated(value: string): string {
  return `\u2068${value}\u2069`;
}
