import ja from "@/locales/ja.json";
import en from "@/locales/en.json";
import ar from "@/locales/ar.json";
import type { Locale } from "./routing";

export type Messages = typeof ja;

// `satisfies` makes a key missing from en.json a type error; messages.test.ts catches the
// reverse (a key only en.json has) and any future locale.
const catalogue = { ja, en: en satisfies Messages, ar: ar satisfies Messages } as const satisfies Record<Locale, Messages>;

export function messagesFor(locale: Locale): Messages {
  return catalogue[locale];
}

export const allMessages: Readonly<Record<Locale, Messages>> = catalogue;
