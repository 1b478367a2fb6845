import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountNav } from "@/components/account/AccountNav";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { ActivityList } from "@/components/account/ActivityList";
import { ErrorSummary } from "@/components/ErrorSummary";
import { secondaryButton } from "@/components/styles";
import { requireAccountSession } from "@/lib/account/flow";
import { recentActivity, type ActivityView } from "@/lib/activity";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Activity");
  return { title: t("metaTitle") };
}

async function load(subject: string): Promise<ActivityView | undefined> {
  try {
    return await recentActivity(subject);
  } catch (error) {
    console.error("[tobira] activity: could not load:", error instanceof Error ? error.message : error);
    return undefined;
  }
}

export default async function SecurityPage() {
  const session = await requireAccountSession("/account/security");
  const [t, common, activity] = await Promise.all([getTranslations("Activity"), getTranslations("Common"), load(session.sub)]);
  return (
    <AccountShell>
      <AccountNav current="security" />
      <h1 className="text-2xl font-bold">{t("title")}</h1>
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
