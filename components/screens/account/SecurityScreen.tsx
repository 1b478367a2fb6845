import { getTranslations } from "next-intl/server";
import { AccountNav } from "@/components/account/AccountNav";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { ActivityList } from "@/components/account/ActivityList";
import { SecondFactors, type SecondFactorActions } from "@/components/account/SecondFactors";
import { ErrorSummary } from "@/components/ErrorSummary";
import { secondaryButton } from "@/components/styles";
import type { Notice } from "@/lib/account/security/state";
import type { FactorsView } from "@/lib/account/security/view";
import type { ActivityView } from "@/lib/activity";

interface Props {
  factors: FactorsView;
  /** What the last change did (it came back in the query). */
  notice?: Notice;
  /** Recent activity; absent when it could not be loaded. */
  activity?: ActivityView;
  actions: SecondFactorActions & { signOut: () => Promise<void> };
}

/** /account/security from plain props: second factors, signing out everywhere, recent activity. */
export async function SecurityScreen({ factors, notice, activity, actions }: Props) {
  const [t, common] = await Promise.all([getTranslations("Activity"), getTranslations("Common")]);
  return (
    <AccountShell>
      <AccountNav current="security" signOut={actions.signOut} />
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <SecondFactors view={factors} notice={notice} actions={actions} />
      <Panel labelledBy="sessions-title">
        <h2 id="sessions-title" className="text-xl font-bold">
          {t("sessionsTitle")}
        </h2>
        <p className="mt-2">{t("sessionsBody")}</p>
        <p className="mt-4">
          <a href="/account/security/sign-out-everywhere" className={secondaryButton}>
            {t("signOutEverywhere")}
          </a>
        </p>
      </Panel>
      <Panel labelledBy="activity-title">
        <h2 id="activity-title" className="mb-4 text-xl font-bold">
          {t("recentTitle")}
        </h2>
        {activity ? <ActivityList activity={activity} /> : <ErrorSummary title={common("errorSummaryTitle")} message={t("unavailable")} />}
      </Panel>
    </AccountShell>
  );
}
