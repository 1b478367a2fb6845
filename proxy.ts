import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/config/env";
import { challengeKindFor, optionalChallengeKindFor, peekChallenge, type Peek } from "@/lib/challenge/peek";
import { problemStatus } from "@/lib/challenge/problem";
import { resolveLocale } from "@/lib/i18n/resolve";
import { LOCALE_COOKIE, LOCALE_HEADER } from "@/lib/i18n/routing";
import { contentSecurityPolicy, createNonce, securityHeaders } from "@/lib/security/headers";

// Runs before every route: resolves the locale once (the challenge's ui_locales, then the saved
// choice, then Accept-Language, then ja) and hands it down in a request header; sets a fresh CSP
// nonce and the security headers; and answers an unusable challenge with its error page and
// HTTP status (404 unknown, 410 already used, 503 authorization server down) before rendering.

export async function proxy(request: NextRequest) {
  const { NODE_ENV, TOBIRA_PUBLIC_URL } = env();
  const nonce = createNonce();
  const csp = contentSecurityPolicy({
    nonce,
    development: NODE_ENV === "development",
    https: TOBIRA_PUBLIC_URL.startsWith("https:"),
  });

  const { pathname, searchParams } = request.nextUrl;
  const required = challengeKindFor(pathname);
  const optional = searchParams.has("login_challenge") ? optionalChallengeKindFor(pathname) : undefined;
  const kind = required ?? optional;
  const peek: Peek | undefined = kind ? await peekChallenge(kind, searchParams) : undefined;

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  headers.set(
    LOCALE_HEADER,
    resolveLocale({
      uiLocales: peek?.ok ? peek.uiLocales : undefined,
      cookie: request.cookies.get(LOCALE_COOKIE)?.value,
      acceptLanguage: request.headers.get("accept-language"),
    }),
  );

  // Only page loads are answered with the error page; server action posts reach their action,
  // which reports the same problem inside the form. Internal errors are left to the page.
  const problem = required && peek && !peek.ok && request.method === "GET" && peek.reason !== "internal" ? peek.reason : undefined;
  const response = problem
    ? NextResponse.rewrite(problemUrl(request, problem), { status: problemStatus[problem], request: { headers } })
    : NextResponse.next({ request: { headers } });

  for (const [name, value] of Object.entries(securityHeaders(csp))) response.headers.set(name, value);
  return response;
}

function problemUrl(request: NextRequest, reason: string): URL {
  const url = new URL(`/error/${reason}`, request.url);
  if (reason === "unavailable") url.searchParams.set("retry", request.nextUrl.pathname + request.nextUrl.search);
  return url;
}

export const config = {
  matcher: [
    // Everything except build assets; API and SCIM responses get the security headers too.
    "/((?!_next/static|_next/image|favicon.ico).*)",
  ],
};
