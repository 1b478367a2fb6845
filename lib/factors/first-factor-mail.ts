import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { currentBrand } from "@/lib/branding";
import { env } from "@/lib/config/env";
import type { Account } from "@/lib/identity";
import { matchLocale } from "@/lib/i18n/resolve";
import type { Mail } from "@/lib/mail";

// The two mails of adding a first second factor (./first-factor.ts): the code, and the notice
// that a factor was added. Both go to the account's verified address, in the person's language
// (the account's own locale when it is one Tobira speaks, otherwise the screen's), and name the
// service as the screens do.

async function texts(account: Account) {
  const locale = (account.locale && matchLocale(account.locale)) || (await getLocale());
  const [t, common, brand] = await Promise.all([
    getTranslations({ locale, namespace: "Mail" }),
    getTranslations({ locale, namespace: "Common" }),
    currentBrand(),
  ]);
  return { t, service: common("serviceName", { brand: brand.name }) };
}

const link = (path: string) => new URL(path, env().TOBIRA_PUBLIC_URL).toString();

export async function codeMail(account: Account, to: string, code: string, minutes: number): Promise<Mail> {
  const { t, service } = await texts(account);
  return {
    to,
    subject: t("firstFactorCodeSubject", { service }),
    text: t("firstFactorCodeBody", { service, account: account.userName, code, minutes, recover: link("/recover") }),
  };
}

export async function addedMail(account: Account, to: string, factor: "totp" | "passkey"): Promise<Mail> {
  const { t, service } = await texts(account);
  return {
    to,
    subject: t("factorAddedSubject", { service }),
    text: t("factorAddedBody", { service, account: account.userName, factor, recover: link("/recover"), security: link("/account/security") }),
  };
}
