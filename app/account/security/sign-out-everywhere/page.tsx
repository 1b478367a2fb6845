import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { ReauthNotice } from "@/components/account/ReauthNotice";
import { ErrorSummary } from "@/components/ErrorSummary";
import { primaryButton, secondaryButton } from "@/components/styles";
import { signOutEverywhereAction } from "@/lib/account/actions";
import { requireAccountSession } from "@/lib/account/flow";
import { isFresh } from "@/lib/account/seal";

const PATH = "/account/security/sign-out-everywhere";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account.signOutEverywhere");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const query = z.object({ error: z.enum(["unavailable", "internal"]).optional().catch(undefined) });

export default async function SignOutEverywherePage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = query.parse(await searchParams);
  const session = await requireAccountSession(PATH);
  const [t, account, common] = await Promise.all([
    getTranslations("Account.signOutEverywhere"),
    getTranslations("Account"),
    getTranslations("Common"),
  ]);
  return (
    <AccountShell>
      <Panel labelledBy="everywhere-title">
        {error && <ErrorSummary title={common("errorSummaryTitle")} message={account(`errors.${error}`)} />}
        <h1 id="everywhere-title" className="text-2xl font-bold">
          {t("title")}
        </h1>
        <p className="mt-3">{t("body")}</p>
        <p className="mt-3 text-ink-muted">{t("appsNote")}</p>
        <div className="mt-8">
          {isFresh(session) ? (
            <form action={signOutEverywhereAction} className="grid gap-3 sm:grid-cols-2">
              <Link href="/account/security" className={secondaryButton}>
                {t("cancel")}
              </Link>
              <button type="submit" className={primaryButton}>
                {t("confirm")}
              </button>
            </form>
          ) : (
            <ReauthNotice returnTo={PATH} />
          )}
        </div>
      </Panel>
    </AccountShell>
  );
}
