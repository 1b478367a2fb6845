import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { errorPageQuery } from "@/lib/errors/oauth";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Error");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Where the authorization server sends people when a flow ends in an error. */
export default async function ErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { error, error_description: description } = errorPageQuery.parse(await searchParams);
  const t = await getTranslations("Error");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-3">{t(`oauth.${error}`)}</p>
      <p className="mt-3 font-medium">{t("returnToApp")}</p>
      {description && (
        <p className="mt-6 text-sm text-ink-muted">
          {t("descriptionLabel")} <span className="break-words">{description}</span>
        </p>
      )}
    </Card>
  );
}
