import "server-only";
import type { NextRequest } from "next/server";
import { brandIdOf } from "@/lib/branding/client-brand";
import { challenges } from "@/lib/challenge";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { isPreviewAllowed, PREVIEW_COOKIE, PREVIEW_PATH } from "./auth";
import { previewQuery } from "./query";

export interface PreviewSubject {
  locale?: Locale;
  brandId?: string;
  clientId?: string;
}

/** For an authorised GET of /preview: the locale, brand and client it asks for. The brand is the
 * one chosen, else the chosen client's brand (read from the admin API), else the default. */
export async function previewSubject(request: NextRequest): Promise<PreviewSubject | undefined> {
  if (request.nextUrl.pathname !== PREVIEW_PATH) return undefined;
  const allowed = isPreviewAllowed({
    cookie: request.cookies.get(PREVIEW_COOKIE)?.value,
    authorization: request.headers.get("authorization"),
  });
  if (!allowed) return undefined;
  const query = previewQuery(request.nextUrl.searchParams);
  let brandId = query.brand;
  if (!brandId && query.client) {
    try {
      brandId = brandIdOf((await challenges().getClient(query.client)).metadata);
    } catch {
      // An unknown client is reported on the page itself; the default brand is shown meanwhile.
    }
  }
  return { locale: isLocale(query.locale) ? query.locale : undefined, brandId, clientId: query.client };
}
