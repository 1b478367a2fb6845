import type { ReactNode } from "react";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ClientName } from "@/components/ClientName";
import { LoginForm } from "@/components/LoginForm";
import { link } from "@/components/styles";
import type { LoginState } from "@/lib/login/state";

/** Shown after registration or a password reset brought the person back to sign in. */
export type LoginNotice = "registered" | "reset";

interface Props {
  challenge: string;
  clientName: string;
  loginHint: string;
  /** Whether self-registration is on (TOBIRA_REGISTRATION), so the "register" link is offered. */
  registrationOpen: boolean;
  notice?: LoginNotice;
  action: (state: LoginState, formData: FormData) => Promise<LoginState>;
  initialState: LoginState;
  /** Sign-in with a passkey, offered below the password form when the page provides it. */
  passkey?: ReactNode;
}

/** The sign-in screen, from plain props: app/login/page.tsx and the operator preview render it. */
export async function LoginScreen({ challenge, clientName, loginHint, registrationOpen, notice, action, initialState, passkey }: Props) {
  const [t, common, locale, timeZone] = await Promise.all([getTranslations("Login"), getTranslations("Common"), getLocale(), getTimeZone()]);
  const withChallenge = new URLSearchParams({ login_challenge: challenge }).toString();
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 mb-6 text-ink-muted">
        {t.rich("subtitle", {
          client: clientName,
          app: () => <ClientName name={clientName} fallback={common("unnamedApp")} />,
        })}
      </p>
      {notice && (
        <p role="status" className="mb-6 rounded-brand border-2 border-brand bg-canvas p-4">
          {t(`notices.${notice}`)}
        </p>
      )}
      <LoginForm
        action={action}
        initialState={initialState}
        challenge={challenge}
        loginHint={loginHint}
        locale={locale}
        timeZone={timeZone}
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
            throttled: t.raw("errors.throttled") as string,
            wrongAccount: t("errors.wrongAccount"),
            expired: t("errors.expired"),
            unavailable: t("errors.unavailable"),
            internal: t("errors.internal"),
          },
        }}
      />
      {passkey}
      <nav aria-label={t("moreOptions")} className="mt-6 space-y-2 border-t border-line pt-4">
        <p>
          <a href={`/recover?${withChallenge}`} className={link}>
            {t("forgotPassword")}
          </a>
        </p>
        {registrationOpen && (
          <p>
            {t("newHere")}{" "}
            <a href={`/register?${withChallenge}`} className={link}>
              {t("register")}
            </a>
          </p>
        )}
      </nav>
    </Card>
  );
}
