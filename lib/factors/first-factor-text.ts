import "server-only";
import { getTranslations } from "next-intl/server";
import type { FirstFactorError } from "./first-factor-state";

/** Every message the address-proof forms can show, translated; `expired` is the screen's own. */
export async function firstFactorErrors(expired: string): Promise<Record<FirstFactorError, string>> {
  const t = await getTranslations("FirstFactor");
  return {
    codeRequired: t("errors.codeRequired"),
    wrongCode: t("errors.wrongCode"),
    locked: t("errors.locked"),
    mailLimit: t("errors.mailLimit"),
    mailFailed: t("errors.mailFailed"),
    noAddress: t("errors.noAddress"),
    expired,
    internal: t("errors.internal"),
  };
}
