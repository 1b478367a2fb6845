import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { ClientName } from "@/components/ClientName";
import { link } from "@/components/styles";
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
  const [t, common] = await Promise.all([getTranslations("Apps.revoked"), getTranslations("Common")]);
  // The name comes from the app's registration, never from the URL.
  const name = (client ? await appName(client) : "").trim() || common("unnamedApp");
  return (
    <AccountShell>
      <Panel labelledBy="revoked-title">
        <h1 id="revoked-title" className="text-2xl font-bold">
          {t("title")}
        </h1>
        <p className="mt-3" role="status">
          {all ? t("allBody") : t.rich("body", { client: name, app: () => <ClientName name={name} fallback={name} /> })}
        </p>
        <p className="mt-6">
          <Link href="/account/apps" className={link}>
            {t("back")}
          </Link>
        </p>
      </Panel>
    </AccountShell>
  );
}
