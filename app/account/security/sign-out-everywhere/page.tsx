import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { SIGN_OUT_EVERYWHERE_PATH, SignOutEverywhereScreen } from "@/components/screens/account/SignOutEverywhereScreen";
import { signOutEverywhereAction } from "@/lib/account/actions";
import { requireAccountSession } from "@/lib/account/flow";
import { isFresh } from "@/lib/account/session-data";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account.signOutEverywhere");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const query = z.object({ error: z.enum(["unavailable", "internal"]).optional().catch(undefined) });

export default async function SignOutEverywherePage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = query.parse(await searchParams);
  const session = await requireAccountSession(SIGN_OUT_EVERYWHERE_PATH);
  return <SignOutEverywhereScreen error={error} fresh={isFresh(session)} signOutEverywhere={signOutEverywhereAction} />;
}
