import type { ComponentProps } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConfirmPasswordForm } from "@/components/ConfirmPasswordForm";
import { FactorItem } from "@/components/FactorItem";
import { FirstFactorProof } from "@/components/FirstFactorProof";
import { OneTimeCodeForm } from "@/components/OneTimeCodeForm";
import { PasskeyAuthButton, PasskeyRegisterButton } from "@/components/PasskeyButtons";
import { RegenerateCodes } from "@/components/RegenerateCodes";
import { link, primaryButton, secondaryButton } from "@/components/styles";
import { initialSecurityState, type Notice, type SecurityState } from "@/lib/account/security/state";
import { securityErrors } from "@/lib/account/security/text";
import type { FactorsView } from "@/lib/account/security/view";
import type { FirstFactorState } from "@/lib/factors/first-factor-state";
import { isolate } from "@/lib/i18n/bidi";
import { recoveryCodesText } from "@/lib/mfa/text";
import { Panel } from "./AccountShell";

type FormAction = (state: SecurityState, formData: FormData) => Promise<SecurityState>;

/** The server actions behind the forms and passkey buttons (the operator preview passes no-ops). */
export interface SecondFactorActions {
  confirmPassword: FormAction;
  confirmCode: FormAction;
  confirmPasskeyOptions: ComponentProps<typeof PasskeyAuthButton>["options"];
  confirmPasskeyVerify: ComponentProps<typeof PasskeyAuthButton>["verify"];
  registerPasskeyOptions: ComponentProps<typeof PasskeyRegisterButton>["options"];
  registerPasskeyVerify: ComponentProps<typeof PasskeyRegisterButton>["verify"];
  rename: FormAction;
  remove: FormAction;
  regenerateCodes: (state: SecurityState) => Promise<SecurityState>;
  /** Before a first factor: mail the code, then take it (lib/factors/first-factor.ts). */
  sendFirstFactorCode: (state: FirstFactorState, formData: FormData) => Promise<FirstFactorState>;
  proveFirstFactor: (state: FirstFactorState, formData: FormData) => Promise<FirstFactorState>;
}

/** The second factors on /account/security: the confirmation still needed, or the factors. */
export async function SecondFactors({ view, notice, actions }: { view: FactorsView; notice?: Notice; actions: SecondFactorActions }) {
  const [t, mfa, common, passkeys, codes, format] = await Promise.all([
    getTranslations("Security"),
    getTranslations("Mfa"),
    getTranslations("Common"),
    getTranslations("Passkeys"),
    getTranslations("RecoveryCodes"),
    getFormatter(),
  ]);
  const errors = await securityErrors();
  if (view.kind === "disabled") return null;

  if (view.kind !== "manage") {
    return (
      <Panel labelledBy="factors-title">
        <h2 id="factors-title" className="text-xl font-bold">
          {t("title")}
        </h2>
        <h3 className="mt-4 font-semibold">{t("confirmTitle")}</h3>
        <p className="mt-1 mb-6 text-ink-muted">{view.kind === "confirmPassword" ? t("confirmIntro") : t("confirmFactor")}</p>
        {view.kind === "confirmPassword" ? (
          <ConfirmPasswordForm
            action={actions.confirmPassword}
            userName={view.account.userName}
            text={{
              password: t("password"),
              submit: t("confirm"),
              submitting: t("confirming"),
              errorSummaryTitle: common("errorSummaryTitle"),
              errors,
            }}
          />
        ) : (
          <div className="space-y-6">
            {(view.hasTotp || view.method === "recovery") && (
              <OneTimeCodeForm
                key={view.method}
                action={actions.confirmCode}
                initialState={initialSecurityState}
                hidden={{ method: view.method }}
                kind={view.method}
                text={{
                  label: view.method === "recovery" ? mfa("recoveryLabel") : mfa("codeLabel"),
                  hint: view.method === "recovery" ? mfa("recoveryHint") : mfa("codeHint"),
                  submit: t("confirm"),
                  submitting: t("confirming"),
                  errorSummaryTitle: common("errorSummaryTitle"),
                  errors,
                }}
              />
            )}
            {view.method === "totp" && view.hasRecovery && (
              <p>
                <a href="/account/security?method=recovery" className={link}>
                  {mfa("useRecovery")}
                </a>
              </p>
            )}
            {view.method === "recovery" && view.hasTotp && (
              <p>
                <a href="/account/security" className={link}>
                  {mfa("useApp")}
                </a>
              </p>
            )}
          </div>
        )}
        {view.hasPasskey && (
          <PasskeyAuthButton
            options={actions.confirmPasskeyOptions}
            verify={actions.confirmPasskeyVerify}
            label={passkeys("use")}
            working={passkeys("signingIn")}
            errors={errors}
            className={`${secondaryButton} sm:w-full`}
            separator={passkeys("or")}
          />
        )}
      </Panel>
    );
  }

  const { account, summary } = view;
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const details = (factor: { createdAt: Date; lastUsedAt?: Date }) => [
    t("added", { date: date(factor.createdAt) }),
    ...(factor.lastUsedAt ? [t("lastUsed", { date: date(factor.lastUsedAt) })] : []),
  ];
  const itemText = (name: string) => ({
    renameLabel: t("renameLabel", { name: isolate(name) }),
    save: t("save"),
    removeNamed: t("removeNamed", { name: isolate(name) }),
    errors,
    lastFactor: { title: t("lastFactor.title"), operator: t("lastFactor.operator"), apps: t("lastFactor.apps", { apps: "{apps}" }), hint: t("lastFactor.hint") },
  });
  const recoveryText = await recoveryCodesText(account.userName);
  const factorList = (kind: "totp" | "passkey", factors: readonly { id: string; name: string; createdAt: Date; lastUsedAt?: Date }[], empty: string) =>
    factors.length === 0 ? (
      <p>{empty}</p>
    ) : (
      <ul className="space-y-3">
        {factors.map((factor) => (
          <FactorItem
            key={factor.id}
            kind={kind}
            id={factor.id}
            name={factor.name}
            details={details(factor)}
            rename={actions.rename}
            remove={actions.remove}
            text={itemText(factor.name)}
          />
        ))}
      </ul>
    );

  const heading = (
    <>
      <h2 id="factors-title" className="text-xl font-bold">
        {t("title")}
      </h2>
      {notice && (
        <p role="status" className="mt-4 rounded-brand border-2 border-brand bg-canvas p-3">
          {t(`notices.${notice}`)}
        </p>
      )}
      <p className="mt-2">{t("intro")}</p>
    </>
  );

  // No factor yet: the mailed code comes before anything can be added.
  if (view.firstFactor) {
    return (
      <Panel labelledBy="factors-title">
        {heading}
        <div className="mt-6">
          <FirstFactorProof
            view={view.firstFactor}
            actions={{ send: actions.sendFirstFactorCode, confirm: actions.proveFirstFactor }}
            hidden={{}}
            expired={errors.expired}
          />
        </div>
      </Panel>
    );
  }

  const hasFactor = summary.totp.length + summary.passkeys.length > 0;
  return (
    <Panel labelledBy="factors-title">
      {heading}

      <section aria-labelledby="apps-title" className="mt-6 space-y-4">
        <h3 id="apps-title" className="text-lg font-bold">
          {t("appsTitle")}
        </h3>
        {factorList("totp", summary.totp, t("appsNone"))}
        <p>
          <a href="/account/security/authenticator" className={primaryButton}>
            {t("addApp")}
          </a>
        </p>
      </section>

      <section aria-labelledby="passkeys-title" className="mt-8 space-y-4">
        <h3 id="passkeys-title" className="text-lg font-bold">
          {passkeys("title")}
        </h3>
        <p>{passkeys("intro")}</p>
        {factorList("passkey", summary.passkeys, passkeys("none"))}
        <PasskeyRegisterButton
          options={actions.registerPasskeyOptions}
          verify={actions.registerPasskeyVerify}
          label={passkeys("add")}
          working={passkeys("adding")}
          errors={errors}
          recoveryText={recoveryText}
          after={
            <p>
              <a href="/account/security?notice=passkeyAdded" className={primaryButton}>
                {t("back")}
              </a>
            </p>
          }
        />
      </section>

      {hasFactor && (
        <section aria-labelledby="codes-title" className="mt-8 space-y-4">
          <h3 id="codes-title" className="text-lg font-bold">
            {codes("title")}
          </h3>
          <p>{codes("remaining", { count: summary.recoveryRemaining })}</p>
          <RegenerateCodes
            action={actions.regenerateCodes}
            text={{ regenerate: codes("regenerate"), hint: codes("regenerateHint"), done: t("notices.codes"), errors }}
            recoveryText={recoveryText}
          />
        </section>
      )}
    </Panel>
  );
}
