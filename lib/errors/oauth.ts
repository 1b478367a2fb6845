import { z } from "zod";
import type { Messages } from "@/lib/i18n/messages";

// The error page the authorization server sends people to (URLS_ERROR): ?error=&error_description=.
// Anyone can make a link to it, so it shows only what Tobira stands behind:
// 1. a known OAuth 2.0 / OIDC error code (RFC 6749 §4.1.2.1, OIDC Core 3.1.2.6) gets its
//    translated text, and is shown as the reference to quote to support;
// 2. anything else reads as "unknown", with no reference;
// 3. error_description (and error_hint, error_debug) is never shown: on Tobira's own domain a
//    crafted "Your account is locked, call …" would read as Tobira's word. The authorization server
//    logs its own descriptions;
// 4. invalid_request_uri (RFC 9126 §4: a pushed request that expired or was used) says that the
//    request has expired, so that people go back to the app rather than retry here.

export type OAuthErrorCode = Exclude<keyof Messages["Error"]["oauth"], "unknown">;

const known = [
  "access_denied",
  "consent_required",
  "interaction_required",
  "invalid_client",
  "invalid_grant",
  "invalid_request",
  "invalid_request_uri",
  "invalid_scope",
  "login_required",
  "request_forbidden",
  "server_error",
  "temporarily_unavailable",
  "unauthorized_client",
  "unsupported_response_type",
] as const satisfies readonly OAuthErrorCode[];

export const errorPageQuery = z.object({
  error: z
    .string()
    .optional()
    .catch(undefined)
    .transform((code): OAuthErrorCode | "unknown" => ((known as readonly string[]).includes(code ?? "") ? (code as OAuthErrorCode) : "unknown")),
});

/** Codes that mean the app's request ran out of time: the page says so in its heading. */
export const expiredRequestCodes: ReadonlySet<OAuthErrorCode | "unknown"> = new Set(["invalid_request_uri"]);

export type ErrorPageQuery = z.infer<typeof errorPageQuery>;
