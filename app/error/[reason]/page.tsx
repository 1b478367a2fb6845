import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProblemView } from "@/components/ProblemView";
import { isProblemReason } from "@/lib/challenge/problem";
import { safeReturnPath } from "@/lib/security/return-path";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Error");
  return { title: t("metaTitle") };
}

type Params = Promise<{ reason: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Target of proxy.ts's rewrite when a challenge cannot be used; served with that HTTP status. */
export default async function ChallengeProblemPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { reason } = await params;
  if (!isProblemReason(reason)) notFound();
  const { retry } = await searchParams;
  // Only a path on this site: never an open redirect through the retry link.
  const retryHref = safeReturnPath(retry);
  return <ProblemView reason={reason} retryHref={retryHref} />;
}
