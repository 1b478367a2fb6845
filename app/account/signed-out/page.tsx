import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignedOutScreen } from "@/components/screens/SignedOutScreen";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account.signedOut");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Where the account area's RP-initiated logout ends (its post_logout_redirect_uri), and sign-out everywhere. */
export default async function SignedOutPage({ searchParams }: { searchParams: SearchParams }) {
  return <SignedOutScreen everywhere={(await searchParams).everywhere === "1"} />;
}
