import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LogoutResultScreen } from "@/components/screens/LogoutResultScreen";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Logout");
  return { title: t("stayedMetaTitle") };
}

export default function LogoutStayedPage() {
  return <LogoutResultScreen outcome="stayed" />;
}
