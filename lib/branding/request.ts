import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { brandById, BRAND_HEADER } from "@/lib/branding";
import { formats } from "../i18n/format";
import { withOverrides } from "@/common/i18n/keys";
import { messagesFor } from "../i18n/messages";
import { defaultLocale, isLocale, LOCALE_HEADER } from "../i18n/routing";

// next-intl's request configuration. The locale and the brand were resolved once by proxy.ts
// (locale: switcher choice → ui_locales → saved choice → Accept-Language → default) and arrive
// in request headers; the brand's per-locale message overrides are applied on top.
export default getRequestConfig(async () => {
  const incoming = await headers();
  const fromProxy = incoming.get(LOCALE_HEADER);
  const locale = isLocale(fromProxy) ? fromProxy : defaultLocale;
  const brand = brandById(incoming.get(BRAND_HEADER));
  return { locale, messages: withOverrides(messagesFor(locale), brand.messages[locale]), timeZone: "Asia/Tokyo", formats };
});
