import { z } from "zod";
import { isLocale } from "./routing";

// The language switcher's post (components/LanguageSwitcher.tsx → app/language/route.ts).

export const switchForm = z.object({ locale: z.string().refine(isLocale), return: z.unknown() });
