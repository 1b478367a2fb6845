import type { HydraClient } from "./client-model";

// RFC 9700 2.1.2: the implicit grant (and the hybrid response types, which carry tokens in the
// front channel the same way) should not be used. The core offers only `code` unless the operator
// enables the others for one client with `metadata.tobira.allow_implicit: true`.

export const ALLOW_IMPLICIT_FIELD = "metadata.tobira.allow_implicit";

export function implicitAllowed(metadata: unknown): boolean {
  if (typeof metadata !== "object" || metadata === null) return false;
  const tobira = (metadata as Record<string, unknown>).tobira;
  return typeof tobira === "object" && tobira !== null && (tobira as Record<string, unknown>).allow_implicit === true;
}

/** Whether the client asks for a response type other than `code` (or the implicit grant). */
export function asksForImplicit(client: Pick<HydraClient, "response_types" | "grant_types">): boolean {
  return client.response_types.some((type) => type !== "code") || client.grant_types.includes("implicit");
}

/** What oidc-provider may serve: a client stored before the opt-in existed keeps only `code`. */
export function servedResponseTypes(client: HydraClient): { response_types: string[]; grant_types: string[] } {
  if (implicitAllowed(client.metadata) || !asksForImplicit(client)) {
    return { response_types: client.response_types, grant_types: client.grant_types };
  }
  return {
    response_types: client.response_types.filter((type) => type === "code"),
    grant_types: client.grant_types.filter((grant) => grant !== "implicit"),
  };
}
