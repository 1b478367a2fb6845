import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ActionForm";
import { PasskeyAuthButton, PasskeyRegisterButton } from "@/components/PasskeyButtons";
import { ProblemView } from "@/components/ProblemView";
import { StepUpScreen } from "@/components/screens/StepUpScreen";
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

  const enrolment = (view.enrol || view.enrolled) && (
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
  );
  const passkey = view.hasPasskey && (
    <PasskeyAuthButton
      options={stepUpPasskeyOptions.bind(null, challenge)}
      verify={stepUpPasskeyVerify.bind(null, challenge)}
      label={passkeys("use")}
      working={passkeys("signingIn")}
      errors={errors}
    />
  );

  return <StepUpScreen view={view} codeAction={verifyCodeAction} enrolment={enrolment || undefined} passkey={passkey || undefined} />;
}
