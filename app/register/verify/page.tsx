import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LinkProblem } from "@/components/LinkProblem";
import { VerifyScreen } from "@/components/screens/VerifyScreen";
import { tokenFrom } from "@/lib/identity/tokens";
import { verifyAction } from "@/lib/register/actions";
import { beginVerify } from "@/lib/register/flow";
import { initialVerifyState } from "@/lib/register/state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Verify");
  // No `referrer: "no-referrer"` for the token in this URL: the response's Referrer-Policy
  // (same-origin, lib/security/headers.ts) already keeps it from other sites, and under
  // no-referrer the form's post carries `Origin: null`, which Next.js refuses: the button did
  // nothing without JavaScript.
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function VerifyPage({ searchParams }: { searchParams: SearchParams }) {
  const token = tokenFrom((await searchParams).token);
  if (!token) return <LinkProblem reason="invalid" again="register" />;
  const link = await beginVerify(token);
  if (!link.ok) return <LinkProblem reason={link.reason} again="register" />;
  return <VerifyScreen token={token} email={link.email} action={verifyAction} initialState={initialVerifyState} />;
}
