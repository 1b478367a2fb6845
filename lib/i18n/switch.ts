import { z } from "zod";
import { isLocale } from "./routing";

// The language switcher's post (components/LanguageSwitcher.tsx → app/language/route.ts).

/** A path on this site to go back to, or "/": never another origin (no open redirect). */
export function safeReturnPath(value: unknown, origin: string): string {
  if (typeof value !== "string" || !/^\/(?![/\\])/.test(value) || /[\u0000-\u001f\\]/.test(value)) return "/";
  const url = new URL(value, origin);
  return url.origin === origin ? url.pathname + url.search : "/";
}

export const switchForm = z.object({ locale: z.string().refine(isLocale), return: z.unknown() });
