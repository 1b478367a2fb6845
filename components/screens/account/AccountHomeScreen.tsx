import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccountNav } from "@/components/account/AccountNav";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { link } from "@/components/styles";

interface Props {
  /** The signed-in person's name, when the session has one. */
  name?: string;
  signOut: () => Promise<void>;
}

/** The account area's home, from plain props: app/account/page.tsx and the operator preview render it. */
export async function AccountHomeScreen({ name, signOut }: Props) {
  const t = await getTranslations("Account");
  return (
    <AccountShell>
      <AccountNav current="home" signOut={signOut} />
      <Panel labelledBy="account-title">
        <h1 id="account-title" className="text-2xl font-bold">
          {t("title")}
        </h1>
        {name && <p className="mt-2 text-ink-muted">{t.rich("signedInAs", { name, person: (chunks) => <bdi className="font-semibold">{chunks}</bdi> })}</p>}
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
