import { getTranslations } from "next-intl/server";
import { FormActions } from "../FormActions";
import { link } from "../styles";

export type AccountSection = "home" | "apps" | "security";

/** Every account page is one click from the others (CONSENT.md §4: apps within two clicks). */
export async function AccountNav({ current, signOut }: { current: AccountSection; signOut: () => Promise<void> }) {
  const t = await getTranslations("Account.nav");
  const items: { section: AccountSection; href: string }[] = [
    { section: "home", href: "/account" },
    { section: "apps", href: "/account/apps" },
    { section: "security", href: "/account/security" },
  ];
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center gap-x-6 gap-y-2">
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        {items.map(({ section, href }) => (
          <li key={section}>
            <a href={href} className={link} aria-current={section === current ? "page" : undefined}>
              {t(section)}
            </a>
          </li>
        ))}
      </ul>
      <form action={signOut} className="sm:ms-auto">
        <FormActions primary={{ label: t("signOut"), className: link }} layout="bare" />
      </form>
    </nav>
  );
}
