import { getTranslations } from "next-intl/server";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { link, primaryButton } from "@/components/styles";
import { TotpEnrolmentForm } from "@/components/TotpEnrolmentForm";
import { initialSecurityState, type SecurityState } from "@/lib/account/security/state";
import { securityErrors } from "@/lib/account/security/text";
import type { TotpEnrolment } from "@/lib/factors/enrol";
import { recoveryCodesText } from "@/lib/mfa/text";

interface Props {
  enrolment: TotpEnrolment;
  /** For the recovery codes file's heading. */
  accountName: string;
  add: (state: SecurityState, formData: FormData) => Promise<SecurityState>;
}

/** Adding an authenticator app on the security page (QR code, key, first code), from plain props. */
export async function AuthenticatorScreen({ enrolment, accountName, add }: Props) {
  const [t, common, errors, recoveryText] = await Promise.all([
    getTranslations("Security"),
    getTranslations("Common"),
    securityErrors(),
    recoveryCodesText(accountName),
  ]);
  return (
    <AccountShell>
      <Panel labelledBy="enrol-title">
        <h1 id="enrol-title" className="text-2xl font-bold">
          {t("enrolTitle")}
        </h1>
        <div className="mt-6">
          <TotpEnrolmentForm
            action={add}
            initialState={initialSecurityState}
            hidden={{}}
            enrolment={enrolment}
            nameDefault={t("defaultAppName")}
            text={{
              scan: t("enrolScan"),
              qrAlt: t("qrAlt"),
              key: t("enrolKey"),
              name: t("enrolName"),
              code: t("enrolCode"),
              submit: t("enrolSubmit"),
              submitting: t("enrolSubmitting"),
              errorSummaryTitle: common("errorSummaryTitle"),
              errors,
            }}
            recoveryText={recoveryText}
            after={
              <p>
                <a href="/account/security?notice=added" className={primaryButton}>
                  {t("back")}
                </a>
              </p>
            }
          />
        </div>
        <p className="mt-6">
          <a href="/account/security" className={link}>
            {t("back")}
          </a>
        </p>
      </Panel>
    </AccountShell>
  );
}
