import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "./ActionForm";
import { OneTimeCodeForm } from "./OneTimeCodeForm";
import { link } from "./styles";
import { initialFirstFactorState, type FirstFactorState, type FirstFactorView } from "@/lib/factors/first-factor-state";
import { firstFactorErrors } from "@/lib/factors/first-factor-text";
import { isolate } from "@/lib/i18n/bidi";

type FormAction = (state: FirstFactorState, formData: FormData) => Promise<FirstFactorState>;

interface Props {
  view: FirstFactorView;
  /** `send` mails a code; `confirm` takes the code (intent=verify) or sends a new one (intent=resend). */
  actions: { send: FormAction; confirm: FormAction };
  /** Posted with both forms (the login challenge during sign-in). */
  hidden: Record<string, string>;
  /** The screen's own "no longer valid" message. */
  expired: string;
  /** What the person can do instead when there is no address to send a code to. */
  instead?: ReactNode;
}

/** Before a first second factor: a code mailed to the account's verified address, typed here
 * (lib/factors/first-factor.ts), from plain props. */
export async function FirstFactorProof({ view, actions, hidden, expired, instead }: Props) {
  const [t, brand, common, errors] = await Promise.all([getTranslations("FirstFactor"), getTranslations("Brand"), getTranslations("Common"), firstFactorErrors(expired)]);
  const { step } = view;
  return (
    <section aria-labelledby="first-factor-title" className="space-y-4">
      <h3 id="first-factor-title" className="font-semibold">
        {step.kind === "noAddress" ? t("noAddressTitle") : t("title")}
      </h3>
      {step.kind === "noAddress" && (
        <>
          <p>{t("noAddressBody", { brand: view.brand })}</p>
          {view.support && (
            <p>
              <a href={view.support} className={link} rel="noopener noreferrer">
                {brand("support")}
              </a>
            </p>
          )}
          {instead}
        </>
      )}
      {step.kind === "ask" && (
        <>
          <p>{t("askIntro", { address: isolate(step.address) })}</p>
          <ActionForm
            action={actions.send}
            initialState={initialFirstFactorState}
            hidden={hidden}
            label={t("send")}
            pendingLabel={t("sending")}
            errorSummaryTitle={common("errorSummaryTitle")}
            errors={errors}
          />
        </>
      )}
      {step.kind === "code" && (
        <>
          <p>{t("sentIntro", { address: isolate(step.address) })}</p>
          <OneTimeCodeForm
            action={actions.confirm}
            initialState={initialFirstFactorState}
            hidden={hidden}
            kind="totp"
            secondaryIntent="resend"
            text={{
              label: t("codeLabel"),
              hint: t("codeHint"),
              submit: t("confirm"),
              submitting: t("confirming"),
              cancel: t("resend"),
              errorSummaryTitle: common("errorSummaryTitle"),
              errors,
            }}
          />
        </>
      )}
    </section>
  );
}
