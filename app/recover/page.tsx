import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RecoverScreen } from "@/components/screens/RecoverScreen";
import { challengeFrom } from "@/lib/challenge/params";
import { recoverAction } from "@/lib/recover/actions";
import { initialRecoverState } from "@/lib/recover/state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Recover");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RecoverPage({ searchParams }: { searchParams: SearchParams }) {
  const challenge = challengeFrom((await searchParams).login_challenge);
  return <RecoverScreen challenge={challenge} action={recoverAction} initialState={initialRecoverState} />;
}
