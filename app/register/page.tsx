import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { RegisterForm } from "@/components/RegisterForm";
import { link } from "@/components/styles";
import { challengeFrom } from "@/lib/accounts/params";
import { registerAction } from "@/lib/register/actions";
import { registrationFields, registrationOpen } from "@/lib/register/flow";
import { initialRegisterState } from "@/lib/register/state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Register");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RegisterPage({ searchParams }: { searchParams: SearchParams }) {
  const challenge = challengeFrom((await searchParams).login_challenge);
  const [t, p, common] = await Promise.all([getTranslations("Register"), getTranslations("Password"), getTranslations("Common")]);
  if (!registrationOpen()) {
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
        action={registerAction}
        initialState={initialRegisterState}
        challenge={challenge}
        fields={registrationFields()}
        text={{
          title: t("title"),
          intro: t("intro"),
          email: t("email"),
          password: p("label"),
          passwordHint: p("hint"),
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
            mailFailed: t("errors.mailFailed"),
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
          <Link href={`/login?${new URLSearchParams({ login_challenge: challenge })}`} className={link}>
            {t("signIn")}
          </Link>
        </p>
      )}
    </Card>
  );
}
