import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { LinkProblem } from "@/components/LinkProblem";
import { ResetPasswordForm } from "@/components/ResetPasswordForm";
import { tokenFrom } from "@/lib/accounts/params";
import { resetAction } from "@/lib/recover/actions";
import { beginReset } from "@/lib/recover/flow";
import { initialResetState } from "@/lib/recover/state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Recover");
  return { title: t("resetMetaTitle"), referrer: "no-referrer" };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPage({ searchParams }: { searchParams: SearchParams }) {
  const token = tokenFrom((await searchParams).token);
  if (!token) return <LinkProblem reason="invalid" again="recover" />;
  const link = await beginReset(token);
  if (!link.ok) return <LinkProblem reason={link.reason} again="recover" />;

  const [t, p, m, common] = await Promise.all([
    getTranslations("Recover"),
    getTranslations("Password"),
    getTranslations("MailLink"),
    getTranslations("Common"),
  ]);
  return (
    <Card>
      <ResetPasswordForm
        action={resetAction}
        initialState={initialResetState}
        token={token}
        userName={link.account.userName}
        text={{
          title: t("resetTitle"),
          body: t("resetBody", { account: link.account.userName }),
          password: p("newLabel"),
          passwordHint: p("hint"),
          submit: t("resetSubmit"),
          submitting: t("resetSubmitting"),
          doneTitle: t("doneTitle"),
          doneBody: t("doneBody"),
          errorSummaryTitle: common("errorSummaryTitle"),
          errors: {
            "password.required": p("errors.required"),
            "password.tooShort": p("errors.tooShort"),
            "password.tooLong": p("errors.tooLong"),
            "password.common": p("errors.common"),
            "password.containsIdentifier": p("errors.containsIdentifier"),
            invalid: m("invalid.body"),
            expired: m("expired.body"),
            used: m("used.body"),
            internal: t("errors.internal"),
          },
        }}
      />
    </Card>
  );
}
