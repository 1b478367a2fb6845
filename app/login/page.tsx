import type { Metadata } from "next";
import { redirect } from "next/navigation";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Card } from "@/components/Card";
import { ClientName } from "@/components/ClientName";
import { LoginForm } from "@/components/LoginForm";
import { PasskeyAuthButton } from "@/components/PasskeyButtons";
import { ProblemView } from "@/components/ProblemView";
import { link, secondaryButton } from "@/components/styles";
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

// After registration or a password reset the person comes back here with a notice to show.
const noticeParam = z.enum(["registered", "reset"]).optional().catch(undefined);

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const parsed = parseChallenge(params.login_challenge);
  const notice = noticeParam.parse(params.notice);
  if (!parsed.ok) return <ProblemView reason={parsed.reason} />;

  const step = await beginLogin(parsed.challenge);
  if (step.kind === "redirect") redirect(step.to);
  if (step.kind === "problem") {
    return <ProblemView reason={step.reason} retryHref={`/login?${new URLSearchParams({ login_challenge: parsed.challenge })}`} />;
  }

  const [t, common, passkeys, locale, timeZone] = await Promise.all([
    getTranslations("Login"),
    getTranslations("Common"),
    getTranslations("Passkeys"),
    getLocale(),
    getTimeZone(),
  ]);
  const { view } = step;
  const withChallenge = new URLSearchParams({ login_challenge: view.challenge }).toString();
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 mb-6 text-ink-muted">
        {t.rich("subtitle", {
          client: view.clientName,
          app: () => <ClientName name={view.clientName} fallback={common("unnamedApp")} />,
        })}
      </p>
      {notice && (
        <p role="status" className="mb-6 rounded-brand border-2 border-brand bg-canvas p-4">
          {t(`notices.${notice}`)}
        </p>
      )}
      <LoginForm
        action={loginAction}
        initialState={initialLoginState}
        challenge={view.challenge}
        loginHint={view.loginHint}
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
      <nav aria-label={t("moreOptions")} className="mt-6 space-y-2 border-t border-line pt-4">
        <p>
          <Link href={`/recover?${withChallenge}`} className={link}>
            {t("forgotPassword")}
          </Link>
        </p>
        {view.registrationOpen && (
          <p>
            {t("newHere")}{" "}
            <Link href={`/register?${withChallenge}`} className={link}>
              {t("register")}
            </Link>
          </p>
        )}
      </nav>
    </Card>
  );
}
