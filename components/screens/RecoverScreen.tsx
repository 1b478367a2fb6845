import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { RecoverForm } from "@/components/RecoverForm";
import { link } from "@/components/styles";
import type { RecoverState } from "@/lib/recover/state";

interface Props {
  /** The sign-in this came from, if any (the way back to it is offered). */
  challenge?: string;
  action: (state: RecoverState, formData: FormData) => Promise<RecoverState>;
  initialState: RecoverState;
}

/** Asking for a password reset link, from plain props: app/recover/page.tsx and the operator preview render it. */
export async function RecoverScreen({ challenge, action, initialState }: Props) {
  const [t, common] = await Promise.all([getTranslations("Recover"), getTranslations("Common")]);
  return (
    <Card>
      <RecoverForm
        action={action}
        initialState={initialState}
        challenge={challenge}
        text={{
          title: t("title"),
          intro: t("intro"),
          email: t("email"),
          submit: t("submit"),
          submitting: t("submitting"),
          sentTitle: t("sentTitle"),
          sentBody: t.raw("sentBody") as string,
          errorSummaryTitle: common("errorSummaryTitle"),
          errors: { emailRequired: t("errors.emailRequired"), emailInvalid: t("errors.emailInvalid"), internal: t("errors.internal") },
        }}
      />
      {challenge && (
        <p className="mt-6 border-t border-line pt-4">
          <a href={`/login?${new URLSearchParams({ login_challenge: challenge })}`} className={link}>
            {t("backToSignIn")}
          </a>
        </p>
      )}
    </Card>
  );
}
