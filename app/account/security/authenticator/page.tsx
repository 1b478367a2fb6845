import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { primaryButton, link } from "@/components/styles";
import { TotpEnrolmentForm } from "@/components/TotpEnrolmentForm";
import { addTotpAction } from "@/lib/account-security/actions";
import { requireAccountSession } from "@/lib/account/flow";
import { securityAccess } from "@/lib/account-security/confirmation";
import { initialSecurityState } from "@/lib/account-security/state";
import { securityErrors } from "@/lib/account-security/text";
import { startTotpEnrolment } from "@/lib/factors/enrol";
import { recoveryCodesText } from "@/lib/mfa/text";
import { currentBrand } from "@/lib/branding";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Security");
  return { title: t("enrolTitle") };
}

export default async function AddAuthenticatorPage() {
  const access = await securityAccess(await requireAccountSession("/account/security/authenticator"));
  if (access.kind !== "confirmed") redirect("/account/security");
  const [t, common, brand] = await Promise.all([getTranslations("Security"), getTranslations("Common"), currentBrand()]);
  const { account } = access;
  const enrolment = await startTotpEnrolment(account.id, brand.name, account.userName);
  return (
    <AccountShell>
      <Panel labelledBy="enrol-title">
      <h1 id="enrol-title" className="text-2xl font-bold">{t("enrolTitle")}</h1>
      <div className="mt-6">
        <TotpEnrolmentForm
          action={addTotpAction}
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
            errors: await securityErrors(),
          }}
          recoveryText={await recoveryCodesText(account.userName)}
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
