import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ConfirmLinkForm } from "@/components/ConfirmLinkForm";
import { LinkProblem } from "@/components/LinkProblem";
import { tokenFrom } from "@/lib/accounts/params";
import { verifyAction } from "@/lib/register/actions";
import { beginVerify } from "@/lib/register/flow";
import { initialVerifyState } from "@/lib/register/state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Verify");
  return { title: t("metaTitle"), referrer: "no-referrer" };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function VerifyPage({ searchParams }: { searchParams: SearchParams }) {
  const token = tokenFrom((await searchParams).token);
  if (!token) return <LinkProblem reason="invalid" again="register" />;
  const link = await beginVerify(token);
  if (!link.ok) return <LinkProblem reason={link.reason} again="register" />;

  const [t, m, common] = await Promise.all([getTranslations("Verify"), getTranslations("MailLink"), getTranslations("Common")]);
  return (
    <Card>
      <ConfirmLinkForm
        action={verifyAction}
        initialState={initialVerifyState}
        token={token}
        text={{
          title: t("title"),
          body: t("body", { email: link.email }),
          submit: t("submit"),
          submitting: t("submitting"),
          doneTitle: t("doneTitle"),
          doneBody: t("doneBody"),
          errorSummaryTitle: common("errorSummaryTitle"),
          errors: {
            taken: t("errors.taken"),
            internal: t("errors.internal"),
            invalid: m("invalid.body"),
            expired: m("expired.body"),
            used: m("used.body"),
          },
        }}
      />
    </Card>
  );
}
