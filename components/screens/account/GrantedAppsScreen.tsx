import { getTranslations } from "next-intl/server";
import { AccountNav } from "@/components/account/AccountNav";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { GrantedAppCard } from "@/components/account/GrantedAppCard";
import { ErrorSummary } from "@/components/ErrorSummary";
import { secondaryButton } from "@/components/styles";
import type { GrantedApp } from "@/lib/account/apps";

interface Props {
  /** The apps with access, or why they could not be listed. */
  listed: { ok: true; apps: GrantedApp[] } | { ok: false; error: string };
  signOut: () => Promise<void>;
}

/** The apps with access to the person's data, from plain props (the page and the operator preview). */
export async function GrantedAppsScreen({ listed, signOut }: Props) {
  const [t, common] = await Promise.all([getTranslations("Apps"), getTranslations("Common")]);
  return (
    <AccountShell>
      <AccountNav current="apps" signOut={signOut} />
      <Panel labelledBy="apps-title">
        <h1 id="apps-title" className="text-2xl font-bold">
          {t("title")}
        </h1>
        <p className="mt-2">{t("intro")}</p>
        {!listed.ok && (
          <div className="mt-6">
            <ErrorSummary title={common("errorSummaryTitle")} message={t(listed.error === "unavailable" ? "unavailable" : "internal")} />
          </div>
        )}
        {listed.ok && listed.apps.length === 0 && <p className="mt-6 font-medium">{t("empty")}</p>}
      </Panel>
      {listed.ok && listed.apps.length > 0 && (
        <>
          <ul className="space-y-4" aria-labelledby="apps-title">
            {listed.apps.map((app, index) => (
              <li key={app.clientId} className="rounded-brand bg-surface shadow-sm ring-1 ring-line/40">
                <GrantedAppCard app={app} headingId={`app-${index}`} />
              </li>
            ))}
          </ul>
          <p>
            <a href="/account/apps/revoke?all=1" className={secondaryButton}>
              {t("revokeAll")}
            </a>
          </p>
        </>
      )}
    </AccountShell>
  );
}
