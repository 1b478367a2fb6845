import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProblemView } from "@/components/ProblemView";
import { ConsentScreen } from "@/components/screens/ConsentScreen";
import { parseChallenge } from "@/lib/challenge/params";
import { consentAction } from "@/lib/consent/actions";
import { beginConsent } from "@/lib/consent";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Consent");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConsentPage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = parseChallenge((await searchParams).consent_challenge);
  if (!parsed.ok) return <ProblemView reason={parsed.reason} />;

  const step = await beginConsent(parsed.challenge, await getLocale());
  if (step.kind === "redirect") redirect(step.to);
  if (step.kind === "problem") {
    return <ProblemView reason={step.reason} retryHref={`/consent?${new URLSearchParams({ consent_challenge: parsed.challenge })}`} />;
  }
  return <ConsentScreen step={step} action={consentAction} />;
}
