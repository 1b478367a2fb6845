import { z } from "zod";

// Hydra v2 admin API JSON, as it arrives. Go marshals empty slices and maps as null, so every
// optional field is nullish. Only the fields Tobira reads are declared; the rest is ignored.

const strings = z.array(z.string()).nullish();
const record = z.record(z.string(), z.unknown()).nullish();

/** `client_name#ja`, `tos_uri#en`, …: OIDC Dynamic Registration §2.1 language-tagged fields. */
export const LOCALIZED_CLIENT_FIELD = /^(client_name|logo_uri|tos_uri|policy_uri)#[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

export const hydraClient = z.looseObject({
  client_id: z.string().nullish(),
  client_name: z.string().nullish(),
  client_uri: z.string().nullish(),
  logo_uri: z.string().nullish(),
  tos_uri: z.string().nullish(),
  policy_uri: z.string().nullish(),
  metadata: record,
  skip_consent: z.boolean().nullish(),
  skip_logout_consent: z.boolean().nullish(),
});

export const hydraOidcContext = z.object({
  ui_locales: strings,
  login_hint: z.string().nullish(),
  acr_values: strings,
  display: z.string().nullish(),
  id_token_hint_claims: record,
});

export const hydraLoginRequest = z.object({
  challenge: z.string(),
  skip: z.boolean(),
  subject: z.string(),
  client: hydraClient,
  request_url: z.string(),
  requested_scope: strings,
  requested_access_token_audience: strings,
  oidc_context: hydraOidcContext.nullish(),
  session_id: z.string().nullish(),
});

export const hydraConsentRequest = z.object({
  challenge: z.string(),
  skip: z.boolean().nullish(),
  subject: z.string().nullish(),
  client: hydraClient.nullish(),
  request_url: z.string().nullish(),
  requested_scope: strings,
  requested_access_token_audience: strings,
  oidc_context: hydraOidcContext.nullish(),
  context: z.unknown().nullish(),
  acr: z.string().nullish(),
  amr: strings,
  login_session_id: z.string().nullish(),
  login_challenge: z.string().nullish(),
  /** RFC 9396, an extension of the embedded core (Hydra has none). */
  authorization_details: z.array(z.unknown()).nullish(),
});

export const hydraLogoutRequest = z.object({
  challenge: z.string().nullish(),
  subject: z.string().nullish(),
  sid: z.string().nullish(),
  request_url: z.string().nullish(),
  rp_initiated: z.boolean().nullish(),
  client: hydraClient.nullish(),
});

export const hydraRedirect = z.object({ redirect_to: z.string().min(1) });

/** GET /health/ready when ready (Hydra's healthStatus; the core answers the same). */
export const hydraHealth = z.object({ status: z.literal("ok") });

export const hydraConsentSession = z.object({
  consent_request: hydraConsentRequest.partial({ challenge: true }).nullish(),
  grant_scope: strings,
  grant_access_token_audience: strings,
  handled_at: z.string().nullish(),
  remember: z.boolean().nullish(),
  remember_for: z.number().nullish(),
  context: z.unknown().nullish(),
  expires_at: z.object({ access_token: z.string().nullish(), refresh_token: z.string().nullish() }).partial().nullish(),
});

export const hydraConsentSessions = z.array(hydraConsentSession).nullable();

/** Hydra's error body (genericError); 410 answers carry redirect_to instead. */
export const hydraError = z.object({
  error: z.string().nullish(),
  error_description: z.string().nullish(),
  redirect_to: z.string().nullish(),
});

export type HydraClient = z.infer<typeof hydraClient>;
export type HydraOidcContext = z.infer<typeof hydraOidcContext>;
