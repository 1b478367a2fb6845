import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccountNav } from "@/components/account/AccountNav";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { link } from "@/components/styles";
import { requireAccountSession } from "@/lib/account/flow";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account");
  return { title: t("metaTitle") };
}

export default async function AccountPage() {
  const session = await requireAccountSession("/account");
  const t = await getTranslations("Account");
  return (
    <AccountShell>
      <AccountNav current="home" />
      <Panel labelledBy="account-title">
        <h1 id="account-title" className="text-2xl font-bold">
          {t("title")}
        </h1>
        {session.name && <p className="mt-2 text-ink-muted">{t.rich("signedInAs", { name: session.name, person: (chunks) => <bdi className="font-semibold">{chunks}</bdi> })}</p>}
      </Panel>
      <Panel labelledBy="account-apps">
        <h2 id="account-apps" className="text-xl font-bold">
          {t("home.appsTitle")}
        </h2>
        <p className="mt-2">{t("home.appsBody")}</p>
        <p className="mt-4">
          <Link href="/account/apps" className={link}>
            {t("home.appsLink")}
          </Link>
        </p>
      </Panel>
      <Panel labelledBy="account-security">
        <h2 id="account-security" className="text-xl font-bold">
          {t("home.securityTitle")}
        </h2>
        <p className="mt-2">{t("home.securityBody")}</p>
        <p className="mt-4">
          <Link href="/account/security" className={link}>
            {t("home.securityLink")}
          </Link>
        </p>
      </Panel>
    </AccountShell>
  );
}
