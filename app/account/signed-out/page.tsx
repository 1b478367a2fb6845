import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { primaryButton } from "@/components/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account.signedOut");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Where the account area's RP-initiated logout ends (its post_logout_redirect_uri), and sign-out everywhere. */
export default async function SignedOutPage({ searchParams }: { searchParams: SearchParams }) {
  const everywhere = (await searchParams).everywhere === "1";
  const t = await getTranslations("Account.signedOut");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{everywhere ? t("everywhereTitle") : t("title")}</h1>
      {everywhere && <p className="mt-3">{t("everywhereBody")}</p>}
      <p className="mt-6">
        <a href="/account/login" className={primaryButton}>
          {t("signIn")}
        </a>
      </p>
    </Card>
  );
}
