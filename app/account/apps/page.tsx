import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { GrantedAppsScreen } from "@/components/screens/account/GrantedAppsScreen";
import { signOutAction } from "@/lib/account/actions";
import { grantedApps, requireAccountSession } from "@/lib/account/flow";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Apps");
  return { title: t("metaTitle") };
}

export default async function GrantedAppsPage() {
  const session = await requireAccountSession("/account/apps");
  return <GrantedAppsScreen listed={await grantedApps(session.sub)} signOut={signOutAction} />;
}
