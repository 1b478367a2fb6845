import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { RevokeScreen } from "@/components/screens/account/RevokeScreen";
import { revokeAction } from "@/lib/account/actions";
import { grantedApps, requireAccountSession } from "@/lib/account/flow";
import { clientIdParam } from "@/lib/account/form";
import { isFresh } from "@/lib/account/session-data";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Apps.confirm");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const query = z.object({
  client: clientIdParam.optional().catch(undefined),
  all: z.literal("1").optional().catch(undefined),
  error: z.enum(["unavailable", "internal"]).optional().catch(undefined),
});

/** The confirmation before revoking (CONSENT.md §4: explain the consequence first). */
export default async function RevokePage({ searchParams }: { searchParams: SearchParams }) {
  const { client, all, error } = query.parse(await searchParams);
  const here = all ? "/account/apps/revoke?all=1" : `/account/apps/revoke?${new URLSearchParams({ client: client ?? "" })}`;
  const session = await requireAccountSession(here);
  const [common, listed] = await Promise.all([getTranslations("Common"), grantedApps(session.sub)]);
  const app = listed.ok && client ? listed.apps.find((candidate) => candidate.clientId === client) : undefined;
  let problem: "notGranted" | "unavailable" | "internal" | undefined;
  if (!all && !app) problem = listed.ok ? "notGranted" : listed.error === "unavailable" ? "unavailable" : "internal";
  return (
    <RevokeScreen
      target={all ? { all: true } : { all: false, clientId: client, name: app ? app.name.trim() || common("unnamedApp") : "" }}
      problem={problem}
      error={error}
      fresh={isFresh(session)}
      returnTo={here}
      revoke={revokeAction}
    />
  );
}
