import type { ComponentProps } from "react";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ActionForm";
import { FirstFactorProof } from "@/components/FirstFactorProof";
import { PasskeyRegisterButton } from "@/components/PasskeyButtons";
import { secondaryButton } from "@/components/styles";
import { TotpEnrolmentForm } from "@/components/TotpEnrolmentForm";
import type { FirstFactorState, FirstFactorView } from "@/lib/factors/first-factor-state";
import { initialStepUpState, type StepUpState } from "@/lib/mfa/state";
import { recoveryCodesText, stepUpErrors } from "@/lib/mfa/text";
import type { StepUpView } from "@/lib/mfa/view";

type FormAction = (state: StepUpState, formData: FormData) => Promise<StepUpState>;

/** The server actions behind enrolment during sign-in (the operator preview passes no-ops). */
export interface MfaEnrolmentActions {
  confirm: FormAction;
  continueSignIn: FormAction;
  /** Already bound to the login challenge. */
  passkeyOptions: ComponentProps<typeof PasskeyRegisterButton>["options"];
  passkeyVerify: ComponentProps<typeof PasskeyRegisterButton>["verify"];
}

interface Props {
  view: Pick<StepUpView, "challenge" | "accountName" | "enrol" | "enrolled">;
  actions: MfaEnrolmentActions;
}

/** A first second factor set up during sign-in (StepUpScreen's `enrolment`), from plain props. */
export async function MfaEnrolment({ view, actions }: Props) {
  const [t, common, passkeys, security, errors, recoveryText] = await Promise.all([
    getTranslations("Mfa"),
    getTranslations("Common"),
    getTranslations("Passkeys"),
    getTranslations("Security"),
    stepUpErrors(),
    recoveryCodesText(view.accountName),
  ]);
  const { challenge } = view;
  return (
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
          action={actions.confirm}
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
          options={actions.passkeyOptions}
          verify={actions.passkeyVerify}
          label={passkeys("add")}
          working={passkeys("adding")}
          errors={errors}
          recoveryText={recoveryText}
          hidden={view.enrolled}
        />
      </section>
      {view.enrolled && (
        <ActionForm
          action={actions.continueSignIn}
          initialState={initialStepUpState}
          hidden={{ challenge }}
          label={t("continue")}
          errorSummaryTitle={common("errorSummaryTitle")}
          errors={errors}
        />
      )}
    </div>
  );
}

type ProofAction = (state: FirstFactorState, formData: FormData) => Promise<FirstFactorState>;

/** The server actions before enrolment during sign-in (the operator preview passes no-ops). */
export interface MfaProofActions {
  send: ProofAction;
  confirm: ProofAction;
  /** The second-factor step's own form action: gives up the sign-in (intent=cancel). */
  cancel: FormAction;
}

/** Before a first factor is set up during sign-in: the code mailed to the person's address
 * (StepUpScreen's `enrolment` while the view has `proof`), from plain props. */
export async function MfaEnrolmentProof({ view, actions }: { view: { challenge: string; proof: FirstFactorView }; actions: MfaProofActions }) {
  const [t, common, errors] = await Promise.all([getTranslations("Mfa"), getTranslations("Common"), stepUpErrors()]);
  const { challenge } = view;
  // Without an address there is no way on: the person can at least tell the app they gave up.
  const cancel = (
    <ActionForm
      action={actions.cancel}
      initialState={initialStepUpState}
      hidden={{ challenge, intent: "cancel" }}
      label={t("cancel")}
      className={secondaryButton}
      errorSummaryTitle={common("errorSummaryTitle")}
      errors={errors}
    />
  );
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-bold">{t("enrolTitle")}</h2>
      <p>{t("enrolIntro")}</p>
      <FirstFactorProof
        view={view.proof}
        actions={{ send: actions.send, confirm: actions.confirm }}
        hidden={{ challenge }}
        expired={errors.expired}
        instead={view.proof.step.kind === "noAddress" ? cancel : undefined}
      />
    </div>
  );
}
