import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "./messages";
import { defaultLocale, isLocale, LOCALE_HEADER } from "./routing";

// next-intl's request configuration. The locale was resolved once by proxy.ts (ui_locales →
// saved choice → Accept-Language → default) and arrives in LOCALE_HEADER.
export default getRequestConfig(async () => {
  const fromProxy = (await headers()).get(LOCALE_HEADER);
  const locale = isLocale(fromProxy) ? fromProxy : defaultLocale;
  return { locale, messages: messagesFor(locale), timeZone: "Asia/Tokyo" };
});
