import { z } from "zod";
import type { Messages } from "@/lib/i18n/messages";

// The error page the authorization server sends people to (URLS_ERROR): ?error=&error_description=.
// Only known codes get their translated text; the description is untrusted text from the query
// string, shown (as text, never HTML) only as a short secondary detail.

export type OAuthErrorCode = Exclude<keyof Messages["Error"]["oauth"], "unknown">;

const known = [
  "access_denied",
  "consent_required",
  "interaction_required",
  "invalid_client",
  "invalid_grant",
  "invalid_request",
  "invalid_scope",
  "login_required",
  "request_forbidden",
  "server_error",
  "temporarily_unavailable",
  "unauthorized_client",
  "unsupported_response_type",
] as const satisfies readonly OAuthErrorCode[];

const DESCRIPTION_MAX = 300;

export const errorPageQuery = z.object({
  error: z
    .string()
    .optional()
    .catch(undefined)
    .transform((code): OAuthErrorCode | "unknown" => ((known as readonly string[]).includes(code ?? "") ? (code as OAuthErrorCode) : "unknown")),
  error_description: z
    .string()
    .optional()
    .catch(undefined)
    .transform((text) => {
      // Printable text only (no control or bidi-override characters), shortened.
      const clean = text?.replace(/[\p{Cc}\p{Cf}]/gu, " ").trim();
      return clean ? clean.slice(0, DESCRIPTION_MAX) : undefined;
    }),
});

export type ErrorPageQuery = z.infer<typeof errorPageQuery>;
