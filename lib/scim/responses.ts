import { ERROR_SCHEMA } from "./schemas";

export const SCIM_CONTENT_TYPE = "application/scim+json";

export type ScimType = "invalidSyntax" | "invalidValue" | "uniqueness" | "invalidFilter" | "invalidPath" | "noTarget" | "mutability" | "tooMany";

/** An RFC 7644 §3.12 error response. */
export function scimError(status: number, detail: string, scimType?: ScimType, headers?: Record<string, string>): Response {
  return scimJson(status, { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail }, headers);
}

export function scimJson(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": SCIM_CONTENT_TYPE, "cache-control": "no-store", ...headers },
  });
}
