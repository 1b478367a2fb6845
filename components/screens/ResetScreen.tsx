import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ResetPasswordForm } from "@/components/ResetPasswordForm";
import { passwordRulesText } from "@/components/password-rules-text";
import { isolate } from "@/lib/i18n/bidi";
import type { ResetState } from "@/lib/recover/state";

interface Props {
  /** The emailed link's token, posted back with the new password. */
  token: string;
  /** The account's user name: named in the text and given to password managers. */
  userName: string;
  action: (state: ResetState, formData: FormData) => Promise<ResetState>;
  initialState: ResetState;
}

/** Choosing a new password from a reset link, from plain props: app/recover/reset/page.tsx and the
 * operator preview render it. */
export async function ResetScreen({ token, userName, action, initialState }: Props) {
  const [t, p, m, common, rules] = await Promise.all([
    getTranslations("Recover"),
    getTranslations("Password"),
    getTranslations("MailLink"),
    getTranslations("Common"),
    passwordRulesText("userName"),
  ]);
  return (
    <Card>
      <ResetPasswordForm
        action={action}
        initialState={initialState}
        token={token}
        userName={userName}
        text={{
          title: t("resetTitle"),
          body: t("resetBody", { account: isolate(userName) }),
          password: p("newLabel"),
          passwordHint: p("hint"),
          passwordRules: rules,
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
