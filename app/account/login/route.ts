import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/config/env";
import { getLocale } from "next-intl/server";
import { beginAccountLogin } from "@/lib/account/login";
import { sealFlow } from "@/lib/account/session";

export const dynamic = "force-dynamic";

/** Starts signing in to the account area at the authorization server (?return=, ?reauth=1). */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const begun = await beginAccountLogin({
    returnTo: params.get("return"),
    reauth: params.get("reauth") === "1",
    locale: await getLocale(),
  });
  if (!begun.ok) return NextResponse.redirect(new URL(`/error/${begun.reason}`, env().TOBIRA_PUBLIC_URL), 303);
  const cookie = await sealFlow(begun.flow);
  const response = NextResponse.redirect(begun.url, 303);
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
}
