import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ActionForm";
import { Card } from "@/components/Card";
import { ClientName } from "@/components/ClientName";
import { OneTimeCodeForm } from "@/components/OneTimeCodeForm";
import { PasskeyAuthButton, PasskeyRegisterButton } from "@/components/PasskeyButtons";
import { ProblemView } from "@/components/ProblemView";
import { link } from "@/components/styles";
import { TotpEnrolmentForm } from "@/components/TotpEnrolmentForm";
import { parseChallenge } from "@/lib/challenge/params";
import {
  confirmEnrolmentAction,
  continueAfterEnrolmentAction,
  enrolPasskeyOptions,
  enrolPasskeyVerify,
  stepUpPasskeyOptions,
  stepUpPasskeyVerify,
  verifyCodeAction,
} from "@/lib/mfa/actions";
import { initialStepUpState } from "@/lib/mfa/state";
import { beginStepUp } from "@/lib/mfa/view";
import { recoveryCodesText, stepUpErrors } from "@/lib/mfa/text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Mfa");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StepUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const parsed = parseChallenge(params.login_challenge);
  if (!parsed.ok) return <ProblemView reason={parsed.reason} />;
  const challenge = parsed.challenge;
  const wanted = params.method === "recovery" ? "recovery" : undefined;

  const step = await beginStepUp(challenge, wanted);
  if (step.kind === "redirect") redirect(step.to);
  if (step.kind === "problem") return <ProblemView reason={step.reason} retryHref={`/login/mfa?${new URLSearchParams({ login_challenge: challenge })}`} />;

  const [t, common, passkeys, security] = await Promise.all([
    getTranslations("Mfa"),
    getTranslations("Common"),
    getTranslations("Passkeys"),
    getTranslations("Security"),
  ]);
  const { view } = step;
  const errors = await stepUpErrors();
  const recoveryText = await recoveryCodesText(view.accountName);
  const here = (method?: string) => `/login/mfa?${new URLSearchParams({ login_challenge: challenge, ...(method ? { method } : {}) })}`;
  const continueForm = (
    <ActionForm
      action={continueAfterEnrolmentAction}
      initialState={initialStepUpState}
      hidden={{ challenge }}
      label={t("continue")}
      errorSummaryTitle={common("errorSummaryTitle")}
      errors={errors}
    />
  );

  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-ink-muted">
        {t.rich("subtitle", {
          client: view.clientName,
          app: () => <ClientName name={view.clientName} fallback={common("unnamedApp")} />,
        })}
      </p>
      {view.reasons.length > 0 && (
        <ul className="mt-4 list-disc space-y-1 ps-5">
          {[...new Set(view.reasons.map((reason) => t(`reasons.${reason}`)))].map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}

      <div className="mt-6">
        {view.enrol || view.enrolled ? (
          // One tree before and after the factor is added: the server action's cookie makes Next
          // render the page again, and the recovery codes live in the components' state.
          <div className="space-y-6">
            {!view.enrolled && <h2 className="text-xl font-bold">{t("enrolTitle")}</h2>}
            {!view.enrolled && <p>{t("enrolIntro")}</p>}
            <section aria-labelledby={view.enrolled ? undefined : "enrol-app"} className="space-y-4">
              {!view.enrolled && (
                <h3 id="enrol-app" className="font-semibold">
                  {t("enrolApp")}
                </h3>
              )}
              <TotpEnrolmentForm
                action={confirmEnrolmentAction}
                initialState={initialStepUpState}
                hidden={{ challenge }}
                enrolment={view.enrol}
                text={{
                  scan: security("enrolScan"),
                  qrAlt: security("qrAlt"),
                  key: security("enrolKey"),
                  name: security("enrolName"),
                  code: security("enrolCode"),
                  submit: security("enrolSubmit"),
                  submitting: security("enrolSubmitting"),
                  errorSummaryTitle: common("errorSummaryTitle"),
                  errors,
                }}
                recoveryText={recoveryText}
              />
            </section>
            <section aria-labelledby={view.enrolled ? undefined : "enrol-passkey"} className="space-y-4">
              {!view.enrolled && (
                <h3 id="enrol-passkey" className="font-semibold">
                  {t("enrolPasskey")}
                </h3>
              )}
              {!view.enrolled && <p>{passkeys("intro")}</p>}
              <PasskeyRegisterButton
                options={enrolPasskeyOptions.bind(null, challenge)}
                verify={enrolPasskeyVerify.bind(null, challenge)}
                label={passkeys("add")}
                working={passkeys("adding")}
                errors={errors}
                recoveryText={recoveryText}
                hidden={view.enrolled}
              />
            </section>
            {view.enrolled && continueForm}
          </div>
        ) : (
          <div className="space-y-6">
            {(view.hasTotp || view.method === "recovery") && (
              <OneTimeCodeForm
                key={view.method}
                action={verifyCodeAction}
                initialState={initialStepUpState}
                hidden={{ challenge, method: view.method }}
                kind={view.method}
                text={{
                  label: view.method === "recovery" ? t("recoveryLabel") : t("codeLabel"),
                  hint: view.method === "recovery" ? t("recoveryHint") : t("codeHint"),
                  submit: t("verify"),
                  submitting: t("verifying"),
                  cancel: t("cancel"),
                  errorSummaryTitle: common("errorSummaryTitle"),
                  errors,
                }}
              />
            )}
            {(view.hasPasskey || (view.hasTotp && view.hasRecovery) || view.method === "recovery") && (
              <nav aria-label={t("otherWays")} className="space-y-3 border-t border-line/40 pt-4">
                {view.hasPasskey && (
                  <PasskeyAuthButton
                    options={stepUpPasskeyOptions.bind(null, challenge)}
                    verify={stepUpPasskeyVerify.bind(null, challenge)}
                    label={passkeys("use")}
                    working={passkeys("signingIn")}
                    errors={errors}
                  />
                )}
                {view.method === "totp" && view.hasRecovery && (
                  <p>
                    <a href={here("recovery")} className={link}>
                      {t("useRecovery")}
                    </a>
                  </p>
                )}
                {view.method === "recovery" && view.hasTotp && (
                  <p>
                    <a href={here()} className={link}>
                      {t("useApp")}
                    </a>
                  </p>
                )}
              </nav>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
