import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LinkProblem } from "@/components/LinkProblem";
import { ResetScreen } from "@/components/screens/ResetScreen";
import { tokenFrom } from "@/lib/identity/tokens";
import { resetAction } from "@/lib/recover/actions";
import { beginReset } from "@/lib/recover/flow";
import { initialResetState } from "@/lib/recover/state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Recover");
  // No `referrer: "no-referrer"` for the token in this URL: the response's Referrer-Policy
  // (same-origin, lib/security/headers.ts) already keeps it from other sites, and under
  // no-referrer the form's post carries `Origin: null`, which Next.js refuses: the button did
  // nothing without JavaScript.
  return { title: t("resetMetaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPage({ searchParams }: { searchParams: SearchParams }) {
  const token = tokenFrom((await searchParams).token);
  if (!token) return <LinkProblem reason="invalid" again="recover" />;
  const link = await beginReset(token);
  if (!link.ok) return <LinkProblem reason={link.reason} again="recover" />;
  return <ResetScreen token={token} userName={link.account.userName} action={resetAction} initialState={initialResetState} />;
}
