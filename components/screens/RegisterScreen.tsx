import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { RegisterForm, type ProfileField } from "@/components/RegisterForm";
import { link } from "@/components/styles";
import { passwordRulesText } from "@/components/password-rules-text";
import type { RegisterState } from "@/lib/register/state";

interface Props {
  /** Whether self-registration is on (TOBIRA_REGISTRATION); when off, the screen says so. */
  open: boolean;
  /** The sign-in this registration came from, if any (the way back to it is offered). */
  challenge?: string;
  fields: ProfileField[];
  action: (state: RegisterState, formData: FormData) => Promise<RegisterState>;
  initialState: RegisterState;
}

/** Creating an account, from plain props: app/register/page.tsx and the operator preview render it. */
export async function RegisterScreen({ open, challenge, fields, action, initialState }: Props) {
  const [t, p, common, rules] = await Promise.all([getTranslations("Register"), getTranslations("Password"), getTranslations("Common"), passwordRulesText("email")]);
  if (!open) {
    return (
      <Card>
        <h1 className="text-2xl font-bold">{t("closedTitle")}</h1>
        <p className="mt-4">{t("closedBody")}</p>
      </Card>
    );
  }
  return (
    <Card>
      <RegisterForm
        action={action}
        initialState={initialState}
        challenge={challenge}
        fields={fields}
        text={{
          title: t("title"),
          intro: t("intro"),
          email: t("email"),
          password: p("label"),
          passwordHint: p("hint"),
          passwordRules: rules,
          fields: { givenName: t("givenName"), familyName: t("familyName"), phoneNumber: t("phoneNumber"), birthdate: t("birthdate") },
          submit: t("submit"),
          submitting: t("submitting"),
          sentTitle: t("sentTitle"),
          sentBody: t.raw("sentBody") as string,
          errorSummaryTitle: common("errorSummaryTitle"),
          errors: {
            emailRequired: t("errors.emailRequired"),
            emailInvalid: t("errors.emailInvalid"),
            givenNameRequired: t("errors.givenNameRequired"),
            familyNameRequired: t("errors.familyNameRequired"),
            phoneNumberRequired: t("errors.phoneNumberRequired"),
            phoneNumberInvalid: t("errors.phoneNumberInvalid"),
            birthdateRequired: t("errors.birthdateRequired"),
            birthdateInvalid: t("errors.birthdateInvalid"),
            internal: t("errors.internal"),
            "password.required": p("errors.required"),
            "password.tooShort": p("errors.tooShort"),
            "password.tooLong": p("errors.tooLong"),
            "password.common": p("errors.common"),
            "password.containsIdentifier": p("errors.containsIdentifier"),
          },
        }}
      />
      {challenge && (
        <p className="mt-6 border-t border-line pt-4">
          {t("haveAccount")}{" "}
          <a href={`/login?${new URLSearchParams({ login_challenge: challenge })}`} className={link}>
            {t("signIn")}
          </a>
        </p>
      )}
    </Card>
  );
}
