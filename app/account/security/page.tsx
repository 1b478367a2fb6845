import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Card } from "@/components/Card";
import { ConfirmPasswordForm } from "@/components/ConfirmPasswordForm";
import { FactorItem } from "@/components/FactorItem";
import { OneTimeCodeForm } from "@/components/OneTimeCodeForm";
import { PasskeyAuthButton, PasskeyRegisterButton } from "@/components/PasskeyButtons";
import { RegenerateCodes } from "@/components/RegenerateCodes";
import { link, primaryButton, secondaryButton } from "@/components/styles";
import {
  confirmCodeAction,
  confirmPasskeyOptions,
  confirmPasskeyVerify,
  confirmPasswordAction,
  endConfirmationAction,
  regenerateCodesAction,
  registerPasskeyOptions,
  registerPasskeyVerify,
  removeFactorAction,
  renameFactorAction,
} from "@/lib/account-security/actions";
import { initialSecurityState, notices } from "@/lib/account-security/state";
import { securityErrors } from "@/lib/account-security/text";
import { securityPage } from "@/lib/account-security/view";
import { recoveryCodesText } from "@/lib/mfa/text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Security");
  return { title: t("metaTitle") };
}

// Hand-written forms post here; the notice after a change comes back in the query.
const query = z.object({
  notice: z.enum(notices).optional().catch(undefined),
  method: z.enum(["recovery"]).optional().catch(undefined),
});

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SecurityPage({ searchParams }: { searchParams: SearchParams }) {
  const params = query.parse(await searchParams);
  const page = await securityPage(params.method);
  const [t, mfa, common, passkeys, codes, format] = await Promise.all([
    getTranslations("Security"),
    getTranslations("Mfa"),
    getTranslations("Common"),
    getTranslations("Passkeys"),
    getTranslations("RecoveryCodes"),
    getFormatter(),
  ]);
  const errors = await securityErrors();

  if (page.kind !== "manage") {
    return (
      <Card>
        <h1 className="text-2xl font-bold">{t("confirmTitle")}</h1>
        <p className="mt-1 mb-6 text-ink-muted">{page.kind === "confirmPassword" ? t("confirmIntro") : t("confirmFactor")}</p>
        {page.kind === "confirmPassword" ? (
          <ConfirmPasswordForm
            action={confirmPasswordAction}
            text={{
              identifier: t("identifier"),
              password: t("password"),
              submit: t("confirm"),
              submitting: t("confirming"),
              errorSummaryTitle: common("errorSummaryTitle"),
              errors,
            }}
          />
        ) : (
          <div className="space-y-6">
            {(page.hasTotp || page.method === "recovery") && (
              <OneTimeCodeForm
                key={page.method}
                action={confirmCodeAction}
                initialState={initialSecurityState}
                hidden={{ method: page.method }}
                kind={page.method}
                text={{
                  label: page.method === "recovery" ? mfa("recoveryLabel") : mfa("codeLabel"),
                  hint: page.method === "recovery" ? mfa("recoveryHint") : mfa("codeHint"),
                  submit: t("confirm"),
                  submitting: t("confirming"),
                  cancel: mfa("cancel"),
                  errorSummaryTitle: common("errorSummaryTitle"),
                  errors,
                }}
              />
            )}
            {page.method === "totp" && page.hasRecovery && (
              <p>
                <a href="/account/security?method=recovery" className={link}>
                  {mfa("useRecovery")}
                </a>
              </p>
            )}
            {page.method === "recovery" && page.hasTotp && (
              <p>
                <a href="/account/security" className={link}>
                  {mfa("useApp")}
                </a>
              </p>
            )}
          </div>
        )}
        {(page.kind === "confirmPassword" || page.hasPasskey) && (
          <PasskeyAuthButton
            options={confirmPasskeyOptions}
            verify={confirmPasskeyVerify}
            label={passkeys("use")}
            working={passkeys("signingIn")}
            errors={errors}
            className={`${secondaryButton} sm:w-full`}
            separator={passkeys("or")}
          />
        )}
      </Card>
    );
  }

  const { account, summary } = page;
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const itemText = {
    renameLabel: "",
    save: t("save"),
    removeNamed: "",
    errors,
    lastFactor: { title: t("lastFactor.title"), operator: t("lastFactor.operator"), apps: t("lastFactor.apps", { apps: "{apps}" }), hint: t("lastFactor.hint") },
  };
  const details = (factor: { createdAt: Date; lastUsedAt?: Date }) => [
    t("added", { date: date(factor.createdAt) }),
    ...(factor.lastUsedAt ? [t("lastUsed", { date: date(factor.lastUsedAt) })] : []),
  ];
  const recoveryText = await recoveryCodesText(account.userName);

  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-ink-muted">{t("signedInAs", { name: account.userName })}</p>
      {params.notice && (
        <p role="status" className="mt-4 rounded-brand border-2 border-brand bg-canvas p-3">
          {t(`notices.${params.notice}`)}
        </p>
      )}
      <p className="mt-4">{t("intro")}</p>

      <section aria-labelledby="apps-title" className="mt-8 space-y-4">
        <h2 id="apps-title" className="text-xl font-bold">
          {t("appsTitle")}
        </h2>
        {summary.totp.length === 0 ? (
          <p>{t("appsNone")}</p>
        ) : (
          <ul className="space-y-3">
            {summary.totp.map((factor) => (
              <FactorItem
                key={factor.id}
                kind="totp"
                id={factor.id}
                name={factor.name}
                details={details(factor)}
                rename={renameFactorAction}
                remove={removeFactorAction}
                text={{ ...itemText, renameLabel: t("renameLabel", { name: factor.name }), removeNamed: t("removeNamed", { name: factor.name }) }}
              />
            ))}
          </ul>
        )}
        <p>
          <a href="/account/security/authenticator" className={primaryButton}>
            {t("addApp")}
          </a>
        </p>
      </section>

      <section aria-labelledby="passkeys-title" className="mt-8 space-y-4">
        <h2 id="passkeys-title" className="text-xl font-bold">
          {passkeys("title")}
        </h2>
        <p>{passkeys("intro")}</p>
        {summary.passkeys.length === 0 ? (
          <p>{passkeys("none")}</p>
        ) : (
          <ul className="space-y-3">
            {summary.passkeys.map((factor) => (
              <FactorItem
                key={factor.id}
                kind="passkey"
                id={factor.id}
                name={factor.name}
                details={details(factor)}
                rename={renameFactorAction}
                remove={removeFactorAction}
                text={{ ...itemText, renameLabel: t("renameLabel", { name: factor.name }), removeNamed: t("removeNamed", { name: factor.name }) }}
              />
            ))}
          </ul>
        )}
        <PasskeyRegisterButton
          options={registerPasskeyOptions}
          verify={registerPasskeyVerify}
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

      <section aria-labelledby="codes-title" className="mt-8 space-y-4">
        <h2 id="codes-title" className="text-xl font-bold">
          {codes("title")}
        </h2>
        <p>{codes("remaining", { count: summary.recoveryRemaining })}</p>
        <RegenerateCodes
          action={regenerateCodesAction}
          text={{ regenerate: codes("regenerate"), hint: codes("regenerateHint"), done: t("notices.codes"), errors }}
          recoveryText={recoveryText}
        />
      </section>

      <form action={endConfirmationAction} className="mt-10 border-t border-line/40 pt-6">
        <button type="submit" className={secondaryButton}>
          {t("lock")}
        </button>
      </form>
    </Card>
  );
}
