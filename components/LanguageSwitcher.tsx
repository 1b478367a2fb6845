import { getTranslations } from "next-intl/server";
import { shippedLanguages, type Locale } from "@/lib/i18n/routing";

/** One button per shipped language, each named in its own language (from CLDR, languages.ts). A plain form: it works without
 * JavaScript, posts to /language (which remembers the choice) and comes back to `returnTo`, so a
 * sign-in in progress (its challenge in the query) carries on in the new language. */
export async function LanguageSwitcher({ current, returnTo }: { current: Locale; returnTo: string }) {
  const t = await getTranslations("LanguageSwitcher");
  return (
    <form method="post" action="/language" aria-label={t("label")} className="flex flex-wrap gap-1">
      <input type="hidden" name="return" value={returnTo} />
      {shippedLanguages().map(({ tag: locale, name, direction }) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          dir={direction}
          aria-current={locale === current ? "true" : undefined}
          className="min-h-11 rounded-brand px-3 py-1 text-sm font-medium text-brand underline-offset-2 hover:underline aria-[current]:bg-surface aria-[current]:text-ink aria-[current]:ring-1 aria-[current]:ring-line"
        >
          {name}
        </button>
      ))}
    </form>
  );
}
