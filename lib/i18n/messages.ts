import type ja from "@/locales/ja.json";
import { defaultLocale, languageOf, type Locale } from "./routing";

/** The default language's file is the shape every language file must have (languages.ts checks
 * each file's keys against it when it is read). */
export type Messages = typeof ja;

export function messagesFor(locale: Locale): Messages {
  return (languageOf(locale) ?? languageOf(defaultLocale))?.messages as Messages;
}
