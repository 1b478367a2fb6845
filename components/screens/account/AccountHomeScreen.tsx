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
      <LinkCard id="account-apps" title={t("home.appsTitle")} body={t("home.appsBody")} href="/account/apps" link={t("home.appsLink")} />
      <LinkCard id="account-security" title={t("home.securityTitle")} body={t("home.securityBody")} href="/account/security" link={t("home.securityLink")} />
    </AccountShell>
  );
}

function LinkCard({ id, title, body, href, link: label }: { id: string; title: string; body: string; href: string; link: string }) {
  return (
    <Panel labelledBy={id}>
      <h2 id={id} className="text-xl font-bold">
        {title}
      </h2>
      <p className="mt-2">{body}</p>
      <p className="mt-4">
        <a href={href} className={link}>
          {label}
        </a>
      </p>
    </Panel>
  );
}
