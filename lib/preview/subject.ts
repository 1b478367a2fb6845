import "server-only";
import type { NextRequest } from "next/server";
import { brandIdOf } from "@/lib/branding/client-brand";
import { challenges } from "@/lib/challenge";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { previewAccess, PREVIEW_COOKIE, PREVIEW_PATH, type PreviewAccess } from "./auth";
import { previewQuery } from "./query";

export interface PreviewSubject {
  locale?: Locale;
  brandId?: string;
  clientId?: string;
}

/** For a GET of /preview from `address` (the client address): who may see it (the one check, counted for a bearer token) and, when
 * allowed, the locale, brand and client it asks for. The brand is the one chosen, else the chosen
 * client's brand (read from the admin API), else the default. */
export async function previewRequest(request: NextRequest, address: string): Promise<{ access: PreviewAccess; subject?: PreviewSubject } | undefined> {
  if (request.nextUrl.pathname !== PREVIEW_PATH) return undefined;
  const access = await previewAccess({
    cookie: request.cookies.get(PREVIEW_COOKIE)?.value,
    authorization: request.headers.get("authorization"),
    address,
  });
  if (access.kind !== "allowed") return { access };
  const query = previewQuery(request.nextUrl.searchParams);
  let brandId = query.brand;
  if (!brandId && query.client) {
    try {
      brandId = brandIdOf((await challenges().getClient(query.client)).metadata);
    } catch {
      // An unknown client is reported on the page itself; the default brand is shown meanwhile.
    }
  }
  return { access, subject: { locale: isLocale(query.locale) ? query.locale : undefined, brandId, clientId: query.client } };
}
