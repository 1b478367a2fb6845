import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ConfirmLinkForm } from "@/components/ConfirmLinkForm";
import { isolate } from "@/lib/i18n/bidi";
import type { VerifyState } from "@/lib/register/state";

interface Props {
  /** The emailed link's token, posted back by the confirm button. */
  token: string;
  /** The address being confirmed. */
  email: string;
  action: (state: VerifyState, formData: FormData) => Promise<VerifyState>;
  initialState: VerifyState;
}

/** Confirming the e-mail address of a new account, from plain props: app/register/verify/page.tsx
 * and the operator preview render it. */
export async function VerifyScreen({ token, email, action, initialState }: Props) {
  const [t, m, common] = await Promise.all([getTranslations("Verify"), getTranslations("MailLink"), getTranslations("Common")]);
  return (
    <Card>
      <ConfirmLinkForm
        action={action}
        initialState={initialState}
        token={token}
        text={{
          title: t("title"),
          body: t("body", { email: isolate(email) }),
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
