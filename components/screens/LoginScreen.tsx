import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ClientName } from "@/components/ClientName";
import { LoginForm } from "@/components/LoginForm";
import type { LoginState } from "@/lib/login/state";

interface Props {
  challenge: string;
  clientName: string;
  loginHint: string;
  action: (state: LoginState, formData: FormData) => Promise<LoginState>;
  initialState: LoginState;
}

/** The sign-in screen, from plain props: app/login/page.tsx and the operator preview render it. */
export async function LoginScreen({ challenge, clientName, loginHint, action, initialState }: Props) {
  const [t, common] = await Promise.all([getTranslations("Login"), getTranslations("Common")]);
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 mb-6 text-ink-muted">
        {t.rich("subtitle", {
          client: clientName,
          app: () => <ClientName name={clientName} fallback={common("unnamedApp")} />,
        })}
      </p>
      <LoginForm
        action={action}
        initialState={initialState}
        challenge={challenge}
        loginHint={loginHint}
        text={{
          identifier: t("identifier"),
          password: t("password"),
          remember: t("remember"),
          submit: t("submit"),
          submitting: t("submitting"),
          cancel: t("cancel"),
          errorSummaryTitle: common("errorSummaryTitle"),
          errors: {
            identifierRequired: t("errors.identifierRequired"),
            passwordRequired: t("errors.passwordRequired"),
            invalidCredentials: t("errors.invalidCredentials"),
            accountDisabled: t("errors.accountDisabled"),
            expired: t("errors.expired"),
            unavailable: t("errors.unavailable"),
            internal: t("errors.internal"),
          },
        }}
      />
    </Card>
  );
}
