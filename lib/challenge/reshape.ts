import type { z } from "zod";
import { LOCALIZED_CLIENT_FIELD } from "./schemas";
import type {
  hydraClient,
  hydraConsentRequest,
  hydraConsentSession,
  hydraLoginRequest,
  hydraLogoutRequest,
  hydraOidcContext,
} from "./schemas";
import type { Client, ConsentRequest, ConsentSession, LoginRequest, LogoutRequest, OidcContext } from "./types";

const some = (value: string | null | undefined) => (value ? value : undefined);

export function reshapeClient(raw: z.infer<typeof hydraClient> | null | undefined): Client {
  return {
    id: raw?.client_id ?? "",
    name: raw?.client_name ?? "",
    logoUri: some(raw?.logo_uri),
    clientUri: some(raw?.client_uri),
    tosUri: some(raw?.tos_uri),
    policyUri: some(raw?.policy_uri),
    metadata: raw?.metadata ?? {},
    localized: Object.fromEntries(
      Object.entries(raw ?? {}).filter((entry): entry is [string, string] => LOCALIZED_CLIENT_FIELD.test(entry[0]) && typeof entry[1] === "string"),
    ),
    skipConsent: raw?.skip_consent ?? false,
    skipLogoutConsent: raw?.skip_logout_consent ?? false,
  };
}

export function reshapeOidcContext(raw: z.infer<typeof hydraOidcContext> | null | undefined): OidcContext {
  return {
    uiLocales: raw?.ui_locales ?? [],
    loginHint: some(raw?.login_hint),
    acrValues: raw?.acr_values ?? [],
    display: some(raw?.display),
    idTokenHintClaims: raw?.id_token_hint_claims ?? undefined,
  };
}

export function reshapeLoginRequest(raw: z.infer<typeof hydraLoginRequest>): LoginRequest {
  return {
    challenge: raw.challenge,
    skip: raw.skip,
    subject: raw.subject,
    client: reshapeClient(raw.client),
    requestUrl: raw.request_url,
    requestedScope: raw.requested_scope ?? [],
    requestedAudience: raw.requested_access_token_audience ?? [],
    oidcContext: reshapeOidcContext(raw.oidc_context),
    sessionId: some(raw.session_id),
  };
}

export function reshapeConsentRequest(raw: z.infer<typeof hydraConsentRequest>): ConsentRequest {
  return {
    challenge: raw.challenge,
    skip: raw.skip ?? false,
    subject: raw.subject ?? "",
    client: reshapeClient(raw.client),
    requestUrl: some(raw.request_url),
    requestedScope: raw.requested_scope ?? [],
    requestedAudience: raw.requested_access_token_audience ?? [],
    oidcContext: reshapeOidcContext(raw.oidc_context),
    context: raw.context ?? undefined,
    acr: some(raw.acr),
    amr: raw.amr ?? [],
    loginSessionId: some(raw.login_session_id),
    loginChallenge: some(raw.login_challenge),
    authorizationDetails: raw.authorization_details ?? [],
  };
}

export function reshapeLogoutRequest(raw: z.infer<typeof hydraLogoutRequest>): LogoutRequest {
  return {
    challenge: some(raw.challenge),
    subject: some(raw.subject),
    sid: some(raw.sid),
    requestUrl: some(raw.request_url),
    rpInitiated: raw.rp_initiated ?? false,
    client: raw.client ? reshapeClient(raw.client) : undefined,
  };
}

export function reshapeConsentSession(raw: z.infer<typeof hydraConsentSession>): ConsentSession {
  return {
    client: raw.consent_request?.client ? reshapeClient(raw.consent_request.client) : undefined,
    grantScope: raw.grant_scope ?? [],
    grantAudience: raw.grant_access_token_audience ?? [],
    handledAt: some(raw.handled_at),
    remember: raw.remember ?? false,
    rememberFor: raw.remember_for ?? 0,
    context: raw.context ?? undefined,
    expiresAt: { accessToken: some(raw.expires_at?.access_token), refreshToken: some(raw.expires_at?.refresh_token) },
  };
}
