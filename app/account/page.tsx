import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountHomeScreen } from "@/components/screens/account/AccountHomeScreen";
import { signOutAction } from "@/lib/account/actions";
import { requireAccountSession } from "@/lib/account/flow";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account");
  return { title: t("metaTitle") };
}

export default async function AccountPage() {
  const session = await requireAccountSession("/account");
  return <AccountHomeScreen name={session.name} signOut={signOutAction} />;
}
