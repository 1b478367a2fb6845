import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { ReauthNotice } from "@/components/account/ReauthNotice";
import { ClientName } from "@/components/ClientName";
import { ErrorSummary } from "@/components/ErrorSummary";
import { primaryButton, secondaryButton } from "@/components/styles";
import { revokeAction } from "@/lib/account/actions";
import { grantedApps, requireAccountSession } from "@/lib/account/flow";
import { clientIdParam } from "@/lib/account/form";
import { isFresh } from "@/lib/account/seal";

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
  const [t, account, common, listed] = await Promise.all([
    getTranslations("Apps.confirm"),
    getTranslations("Account"),
    getTranslations("Common"),
    grantedApps(session.sub),
  ]);
  const app = listed.ok && client ? listed.apps.find((candidate) => candidate.clientId === client) : undefined;
  const name = app ? app.name.trim() || common("unnamedApp") : "";
  const revocable = all || app !== undefined;

  return (
    <AccountShell>
      <Panel labelledBy="revoke-title">
        {error && <ErrorSummary title={common("errorSummaryTitle")} message={account(`errors.${error}`)} />}
        <h1 id="revoke-title" className="text-2xl font-bold">
          {all ? t("allTitle") : t.rich("title", { client: name, app: () => <ClientName name={name} fallback={name} /> })}
        </h1>
        {!revocable && <p className="mt-3">{listed.ok ? t("notGranted") : account(`errors.${listed.error === "unavailable" ? "unavailable" : "internal"}`)}</p>}
        {revocable && (
          <>
            <p className="mt-3">{all ? t("allBody") : t.rich("body", { client: name, app: () => <ClientName name={name} fallback={name} /> })}</p>
            <p className="mt-3 text-ink-muted">{t("dataNote")}</p>
            <div className="mt-8">
              {isFresh(session) ? (
                <form action={revokeAction} className="grid gap-3 sm:grid-cols-2">
                  <input type="hidden" name="scope" value={all ? "all" : "app"} />
                  {!all && <input type="hidden" name="client" value={client} />}
                  <Link href="/account/apps" className={secondaryButton}>
                    {t("cancel")}
                  </Link>
                  <button type="submit" className={primaryButton}>
                    {all ? t("confirmAll") : t("confirm")}
                  </button>
                </form>
              ) : (
                <ReauthNotice returnTo={here} />
              )}
            </div>
          </>
        )}
        {!revocable && (
          <p className="mt-6">
            <Link href="/account/apps" className={secondaryButton}>
              {t("cancel")}
            </Link>
          </p>
        )}
      </Panel>
    </AccountShell>
  );
}
