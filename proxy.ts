import { NextResponse, type NextRequest } from "next/server";
import { ASSET_CSP, ASSET_PATH_PREFIX, BRAND_HEADER, CLIENT_HEADER, INTERNAL_HEADER_PREFIX, PATH_HEADER } from "@/lib/branding/headers";
import { maskAddress } from "@/common/address";
import { requestIdFrom } from "@/common/log";
import { env } from "@/lib/config/env";
import { HANDOFF_HEADER, handOver } from "@/lib/challenge/handoff";
import { challengeKindFor, optionalChallengeKindFor, peekChallenge, type FreshPeek } from "@/lib/challenge/peek";
import { problemStatus } from "@/lib/challenge/problem";
import { storeReachable } from "@/lib/health/readiness";
import { resolveLocale } from "@/lib/i18n/resolve";
import { EXPLICIT_LOCALE_COOKIE, LOCALE_COOKIE, LOCALE_HEADER } from "@/lib/i18n/routing";
import { REQUEST_ID_HEADER, uiLog } from "@/lib/log";
import { encodeAccess, PREVIEW_ACCESS_HEADER } from "@/lib/preview/auth";
import { previewRequest } from "@/lib/preview/subject";
import { scimError } from "@/lib/scim/responses";
import { clientAddress } from "@/lib/security/client-address";
import { contentSecurityPolicy, createNonce, securityHeaders } from "@/lib/security/headers";
import { readLimited, refuseActionRequest, undecodablePath } from "@/lib/security/refusals";

// Runs before every route: resolves the locale and the brand once (the locale from the language
// switcher's explicit choice, the challenge's ui_locales, the saved choice, Accept-Language, then
// ja; the brand from the challenge's client metadata, else the default) and hands them down in
// request headers; sets a fresh CSP nonce and the security headers; and answers an unusable
// challenge with its error page and HTTP status (404 unknown, 410 already used, 503 authorization
// server down), and any page with the retry page (503) while the identity store is down, before
// rendering.

export async function proxy(request: NextRequest) {
  const { NODE_ENV, TOBIRA_PUBLIC_URL, TOBIRA_PROXY_HOPS, TOBIRA_HSTS_INCLUDE_SUBDOMAINS } = env();
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const address = clientAddress(request.headers.get("x-forwarded-for"), TOBIRA_PROXY_HOPS);
  // The path only: queries carry challenges, codes and tokens.
  uiLog.info("request", {
    requestId,
    method: request.method,
    path: request.nextUrl.pathname,
    address: maskAddress(address),
  });
  const nonce = createNonce();
  const https = TOBIRA_PUBLIC_URL.startsWith("https:");
  const csp = contentSecurityPolicy({ nonce, development: NODE_ENV === "development", https });
  const transport = { https, includeSubDomains: TOBIRA_HSTS_INCLUDE_SUBDOMAINS };
  const withHeaders = <T extends Response>(response: T, policy = csp): T => {
    for (const [name, value] of Object.entries(securityHeaders(policy, transport))) response.headers.set(name, value);
    response.headers.set("X-Request-Id", requestId);
    return response;
  };

  // What Next.js itself would answer with a 500 (lib/security/refusals.ts).
  const refusal = await refuseActionRequest({ method: request.method, headers: request.headers, body: () => readLimited(request.body) });
  if (refusal) return withHeaders(new NextResponse(null, { status: refusal.status }));
  const { pathname, searchParams } = request.nextUrl;
  const undecodable = undecodablePath(pathname);
  if (undecodable && pathname.startsWith("/scim/")) return withHeaders(scimError(400, "The path is not valid percent-encoding."));
  const required = challengeKindFor(pathname);
  const optional = searchParams.has("login_challenge") ? optionalChallengeKindFor(pathname) : undefined;
  const kind = required ?? optional;
  const peek: FreshPeek | undefined = kind ? await peekChallenge(kind, searchParams) : undefined;
  // The operator preview chooses client, brand and locale itself (only once authorised).
  // Without a trustworthy address the attempts share one bucket rather than one the client names.
  const previewed = await previewRequest(request, address ?? "unknown");
  const preview = previewed?.subject;

  const headers = new Headers(request.headers);
  // Only this proxy speaks in x-tobira-* headers; a browser's own are dropped.
  for (const name of [...headers.keys()]) if (name.startsWith(INTERNAL_HEADER_PREFIX)) headers.delete(name);
  headers.set("x-nonce", nonce);
  headers.set(REQUEST_ID_HEADER, requestId);
  if (peek?.fetched) headers.set(HANDOFF_HEADER, handOver(peek.fetched));
  headers.set("Content-Security-Policy", csp);
  headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  headers.set(
    LOCALE_HEADER,
    preview?.locale ??
      resolveLocale({
        uiLocales: peek?.ok ? peek.uiLocales : undefined,
        cookie: request.cookies.get(LOCALE_COOKIE)?.value,
        explicit: request.cookies.has(EXPLICIT_LOCALE_COOKIE),
        acceptLanguage: request.headers.get("accept-language"),
      }),
  );
  const brandId = preview ? preview.brandId : peek?.ok ? peek.brandId : undefined;
  const clientId = preview ? preview.clientId : peek?.ok ? peek.clientId : undefined;
  if (brandId) headers.set(BRAND_HEADER, brandId);
  if (clientId) headers.set(CLIENT_HEADER, clientId);
  if (previewed) headers.set(PREVIEW_ACCESS_HEADER, encodeAccess(previewed.access));

  // Only page loads are answered with the error page; server action posts reach their action,
  // which reports the same problem inside the form. Internal errors are left to the page.
  const challengeProblem = required && peek && !peek.ok && request.method === "GET" && peek.reason !== "internal" ? peek.reason : undefined;
  // While the identity store does not answer, a page is the translated retry page (503), not a
  // form that cannot work or an error; it is known within a second (lib/health/readiness.ts).
  const problem = challengeProblem ?? (needsStore(request) && !(await storeReachable()) ? "unavailable" : undefined);
  // A preview locked for this address is a 429 (RFC 6585 §4) with its translated page.
  const locked = previewed?.access.kind === "throttled" ? previewed.access.retryAt : undefined;
  // An undecodable path goes to a page without path parameters (Next.js would decode them again).
  const response = undecodable
    ? NextResponse.rewrite(new URL("/error?error=invalid_request", request.url), { status: 400, request: { headers } })
    : problem
      ? NextResponse.rewrite(problemUrl(request, problem), { status: problemStatus[problem], request: { headers } })
      : locked
        ? NextResponse.rewrite(request.nextUrl, { status: 429, headers: { "Retry-After": retryAfter(locked) }, request: { headers } })
        : NextResponse.next({ request: { headers } });

  return withHeaders(response, request.nextUrl.pathname.startsWith(ASSET_PATH_PREFIX) ? ASSET_CSP : csp);
}

/** Page loads that may read the identity store; not the error pages, assets, health, metrics
 * (which tell the operator about an outage) or SCIM (which answers in its own format). */
function needsStore(request: NextRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const { pathname } = request.nextUrl;
  return !["/api/", "/scim/", "/error", "/metrics", ASSET_PATH_PREFIX].some((prefix) => pathname.startsWith(prefix));
}

const retryAfter = (at: Date) => String(Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000)));

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
