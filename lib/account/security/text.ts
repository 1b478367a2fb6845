import "server-only";
import { getTranslations } from "next-intl/server";
import type { SecurityError } from "./state";

/** Every message the security page's forms can show, translated (Security.errors). */
export async function securityErrors(): Promise<Record<SecurityError, string>> {
  const t = await getTranslations("Security");
  const keys: SecurityError[] = [
    "passwordRequired",
    "invalidCredentials",
    "codeRequired",
    "wrongCode",
    "locked",
    "passkeyFailed",
    "nameRequired",
    "enrolmentExpired",
    "expired",
    "notFound",
    "internal",
  ];
  return Object.fromEntries(keys.map((key) => [key, t(`errors.${key}`)])) as Record<SecurityError, string>;
}
