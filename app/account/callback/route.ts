import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/config/env";
import { completeAccountLogin } from "@/lib/account/login";
import { takeFlow, writeAccountSession } from "@/lib/account/session";

export const dynamic = "force-dynamic";

/** Where the authorization server returns after signing in to the account area. */
export async function GET(request: NextRequest) {
  const result = await completeAccountLogin(request.nextUrl.search, await takeFlow());
  if (!result.ok) return NextResponse.redirect(new URL(`/error?${new URLSearchParams({ error: result.error })}`, env().TOBIRA_PUBLIC_URL), 303);
  await writeAccountSession(result.session);
  return NextResponse.redirect(new URL(result.returnTo, env().TOBIRA_PUBLIC_URL), 303);
}
