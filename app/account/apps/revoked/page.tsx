import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { RevokedScreen } from "@/components/screens/account/RevokedScreen";
import { appName, requireAccountSession } from "@/lib/account/flow";
import { clientIdParam } from "@/lib/account/form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Apps.revoked");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const query = z.object({
  client: clientIdParam.optional().catch(undefined),
  all: z.literal("1").optional().catch(undefined),
});

export default async function RevokedPage({ searchParams }: { searchParams: SearchParams }) {
  const { client, all } = query.parse(await searchParams);
  await requireAccountSession("/account/apps");
  const common = await getTranslations("Common");
  // The name comes from the app's registration, never from the URL.
  const name = (client ? await appName(client) : "").trim() || common("unnamedApp");
  return <RevokedScreen target={all ? { all: true } : { all: false, name }} />;
}
