import { getTranslations } from "next-intl/server";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { ClientName } from "@/components/ClientName";
import { link } from "@/components/styles";

/** Access revoked, for every app or for the named one (its name from its registration, never the URL). */
export async function RevokedScreen({ target }: { target: { all: true } | { all: false; name: string } }) {
  const t = await getTranslations("Apps.revoked");
  return (
    <AccountShell>
      <Panel labelledBy="revoked-title">
        <h1 id="revoked-title" className="text-2xl font-bold">
          {t("title")}
        </h1>
        <p className="mt-3" role="status">
          {target.all ? t("allBody") : t.rich("body", { client: target.name, app: () => <ClientName name={target.name} fallback={target.name} /> })}
        </p>
        <p className="mt-6">
          <a href="/account/apps" className={link}>
            {t("back")}
          </a>
        </p>
      </Panel>
    </AccountShell>
  );
}
