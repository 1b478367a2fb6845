import "server-only";
import { getTranslations } from "next-intl/server";
import type { StepUpError } from "@/lib/mfa/state";

/** Every message a second-factor form can show, translated (Mfa.errors). */
export async function stepUpErrors(): Promise<Record<StepUpError, string>> {
  const t = await getTranslations("Mfa");
  return {
    codeRequired: t("errors.codeRequired"),
    wrongCode: t("errors.wrongCode"),
    locked: t("errors.locked"),
    passkeyFailed: t("errors.passkeyFailed"),
    enrolmentExpired: t("errors.enrolmentExpired"),
    expired: t("errors.expired"),
    unavailable: t("errors.unavailable"),
    internal: t("errors.internal"),
  };
}

export async function recoveryCodesText(account: string) {
  const t = await getTranslations("RecoveryCodes");
  return {
    title: t("title"),
    intro: t("intro"),
    listLabel: t("listLabel"),
    copy: t("copy"),
    copied: t("copied"),
    download: t("download"),
    fileHeading: t("fileHeading", { account }),
  };
}
