import type { Brand } from "@/lib/branding";
import type { Locale } from "@/lib/i18n/routing";
import { LanguageSwitcher } from "./LanguageSwitcher";

/** The brand's logo (light and dark) and name, and the language switcher. */
export function BrandHeader({ brand, locale, returnTo }: { brand: Brand; locale: Locale; returnTo: string }) {
  const logo = brand.logo;
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 px-4 py-4 sm:px-8">
      <p className="flex items-center gap-2 text-lg font-bold text-ink">
        {logo && (
          <picture>
            {logo.dark && <source srcSet={`/brand-assets/${logo.dark}`} media="(prefers-color-scheme: dark)" />}
            {/* The name follows as text: the logo is decoration. */}
            <img src={`/brand-assets/${logo.light}`} alt="" width={32} height={32} className="size-8" />
          </picture>
        )}
        <span>{brand.name}</span>
      </p>
      <LanguageSwitcher current={locale} returnTo={returnTo} />
    </header>
  );
}
