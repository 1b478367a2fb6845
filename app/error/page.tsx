import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OAuthErrorScreen } from "@/components/screens/OAuthErrorScreen";
import { errorPageQuery, expiredRequestCodes } from "@/lib/errors/oauth";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Error");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Where the authorization server sends people when a flow ends in an error. */
export default async function ErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = errorPageQuery.parse(await searchParams);
  return <OAuthErrorScreen error={error} expired={expiredRequestCodes.has(error)} />;
}
