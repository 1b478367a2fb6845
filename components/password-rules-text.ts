import { getTranslations } from "next-intl/server";
import type { PasswordRulesText } from "./PasswordRules";

/** The texts of the password rules (components/PasswordRules.tsx), for a form that knows the
 * person's address (registration) or user name (a new password). */
export async function passwordRulesText(identifier: "email" | "userName"): Promise<PasswordRulesText> {
  const t = await getTranslations("Password.rules");
  return {
    title: t("title"),
    length: t("length"),
    notIdentifier: identifier === "email" ? t("notEmail") : t("notUserName"),
    notCommon: t("notCommon"),
    met: t("met"),
    notMet: t("notMet"),
    nowMet: t.raw("nowMet") as string,
    noLongerMet: t.raw("noLongerMet") as string,
  };
}
