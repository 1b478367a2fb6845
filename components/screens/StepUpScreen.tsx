import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ClientName } from "@/components/ClientName";
import { OneTimeCodeForm } from "@/components/OneTimeCodeForm";
import { link } from "@/components/styles";
import { stepUpErrors } from "@/lib/mfa/text";
import { initialStepUpState, type StepUpState } from "@/lib/mfa/state";
import type { StepUpView } from "@/lib/mfa/view";

interface Props {
  view: StepUpView;
  codeAction: (state: StepUpState, formData: FormData) => Promise<StepUpState>;
  /** Setting up a first factor (shown instead of the code form when the view asks for it). */
  enrolment?: ReactNode;
  /** Using a passkey instead of a code, when the person has one. */
  passkey?: ReactNode;
}

/** The second-factor step, from plain props: app/login/mfa/page.tsx and the operator preview render it. */
export async function StepUpScreen({ view, codeAction, enrolment, passkey }: Props) {
  const [t, common, errors] = await Promise.all([getTranslations("Mfa"), getTranslations("Common"), stepUpErrors()]);
  const here = (method?: string) => `/login/mfa?${new URLSearchParams({ login_challenge: view.challenge, ...(method ? { method } : {}) })}`;
  const showCode = view.hasTotp || view.method === "recovery";
  const otherWays = Boolean(passkey) || (view.hasTotp && view.hasRecovery) || view.method === "recovery";
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
        {enrolment ?? (
          <div className="space-y-6">
            {showCode && (
              <OneTimeCodeForm
                key={view.method}
                action={codeAction}
                initialState={initialStepUpState}
                hidden={{ challenge: view.challenge, method: view.method }}
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
            {otherWays && (
              <nav aria-label={t("otherWays")} className="space-y-3 border-t border-line/40 pt-4">
                {passkey}
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
