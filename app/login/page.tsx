import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ClientName } from "@/components/ClientName";
import { LoginForm } from "@/components/LoginForm";
import { PasskeyAuthButton } from "@/components/PasskeyButtons";
import { ProblemView } from "@/components/ProblemView";
import { secondaryButton } from "@/components/styles";
import { parseChallenge } from "@/lib/challenge/params";
import { loginAction } from "@/lib/login/actions";
import { beginLogin, initialLoginState } from "@/lib/login";
import { passkeyLoginOptions, passkeyLoginVerify } from "@/lib/mfa/actions";
import { stepUpErrors } from "@/lib/mfa/text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Login");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = parseChallenge((await searchParams).login_challenge);
  if (!parsed.ok) return <ProblemView reason={parsed.reason} />;

  const step = await beginLogin(parsed.challenge);
  if (step.kind === "redirect") redirect(step.to);
  if (step.kind === "problem") {
    return <ProblemView reason={step.reason} retryHref={`/login?${new URLSearchParams({ login_challenge: parsed.challenge })}`} />;
  }

  const [t, common, passkeys] = await Promise.all([getTranslations("Login"), getTranslations("Common"), getTranslations("Passkeys")]);
  const { view } = step;
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 mb-6 text-ink-muted">
        {t.rich("subtitle", {
          client: view.clientName,
          app: () => <ClientName name={view.clientName} fallback={common("unnamedApp")} />,
        })}
      </p>
      <LoginForm
        action={loginAction}
        initialState={initialLoginState}
        challenge={view.challenge}
        loginHint={view.loginHint}
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
      {/* A discoverable passkey signs in without a username or password (lib/mfa). */}
      <PasskeyAuthButton
        options={passkeyLoginOptions.bind(null, view.challenge)}
        verify={passkeyLoginVerify.bind(null, view.challenge)}
        label={passkeys("signIn")}
        working={passkeys("signingIn")}
        errors={await stepUpErrors()}
        className={`${secondaryButton} sm:w-full`}
        separator={passkeys("or")}
      />
    </Card>
  );
}
