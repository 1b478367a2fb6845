import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProblemView } from "@/components/ProblemView";
import { LogoutScreen } from "@/components/screens/LogoutScreen";
import { parseChallenge } from "@/lib/challenge/params";
import { clientName as localizedName } from "@/lib/challenge/client-texts";
import { logoutAction } from "@/lib/logout/actions";
import { beginLogout } from "@/lib/logout";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Logout");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LogoutPage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = parseChallenge((await searchParams).logout_challenge);
  if (!parsed.ok) return <ProblemView reason={parsed.reason} />;

  const step = await beginLogout(parsed.challenge);
  if (step.kind === "problem") {
    return <ProblemView reason={step.reason} retryHref={`/logout?${new URLSearchParams({ logout_challenge: parsed.challenge })}`} />;
  }

  if (step.kind === "redirect") redirect(step.to);

  const { challenge, client } = step.view;
  const name = client ? localizedName(client, await getLocale()) : undefined;
  return <LogoutScreen challenge={challenge} clientName={name} action={logoutAction} />;
}
