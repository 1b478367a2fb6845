import { getTranslations } from "next-intl/server";
import type { Brand } from "@/lib/branding";
import { link } from "./styles";

/** The service's own support and legal links (from the brand), and whose sign-in this is. */
export async function BrandFooter({ brand }: { brand: Brand }) {
  const [t, common] = await Promise.all([getTranslations("Brand"), getTranslations("Common")]);
  const links = (["support", "terms", "privacy"] as const).flatMap((kind) => {
    const href = brand.links[kind];
    return href ? [{ kind, href }] : [];
  });
  return (
    <footer className="space-y-3 px-4 py-6 text-center text-sm text-ink-muted">
      {links.length > 0 && (
        <nav aria-label={t("links", { brand: brand.name })}>
          <ul className="flex flex-wrap justify-center gap-x-6 gap-y-2">
            {links.map(({ kind, href }) => (
              <li key={kind}>
                <a href={href} className={link} rel="noopener noreferrer">
                  {t(kind)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p>{common("footer", { brand: brand.name })}</p>
    </footer>
  );
}
