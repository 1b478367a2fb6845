// Tobira's own view of the authorization server's requests; the rest of the code never sees
// upstream JSON.

export interface Client {
  id: string;
  /** Self-asserted by the client's registration: display escaped and isolated (<bdi>). */
  name: string;
  logoUri?: string;
  clientUri?: string;
  tosUri?: string;
  policyUri?: string;
  metadata: Record<string, unknown>;
  /** Language-tagged variants the registration gave at the top level (`client_name#ja` → name). */
  localized: Record<string, string>;
  skipConsent: boolean;
  skipLogoutConsent: boolean;
}

export interface OidcContext {
  uiLocales: string[];
  loginHint?: string;
  acrValues: string[];
  display?: string;
  idTokenHintClaims?: Record<string, unknown>;
}

export interface LoginRequest {
  challenge: string;
  skip: boolean;
  subject: string;
  client: Client;
  requestUrl: string;
  requestedScope: string[];
  requestedAudience: string[];
  oidcContext: OidcContext;
  sessionId?: string;
}

export interface ConsentRequest {
  challenge: string;
  skip: boolean;
  subject: string;
  client: Client;
  requestUrl?: string;
  requestedScope: string[];
  requestedAudience: string[];
  oidcContext: OidcContext;
  context: unknown;
  acr?: string;
  amr: string[];
  loginSessionId?: string;
  loginChallenge?: string;
  /** RFC 9396 authorization_details as the client sent them (embedded core extension). */
  authorizationDetails: unknown[];
}

export interface LogoutRequest {
  challenge?: string;
  subject?: string;
  sid?: string;
  requestUrl?: string;
  rpInitiated: boolean;
  client?: Client;
}

export interface ConsentSession {
  client?: Client;
  grantScope: string[];
  grantAudience: string[];
  handledAt?: string;
  remember: boolean;
  rememberFor: number;
  /** The consent accept's context (Tobira keeps the consent-metadata version and declined scopes). */
  context?: unknown;
  /** When the tokens issued under this consent expire (ISO 8601), as the server reports them. */
  expiresAt: { accessToken?: string; refreshToken?: string };
}

export interface AcceptLogin {
  subject: string;
  remember?: boolean;
  /** Seconds; 0 with remember=true means "until the session ends" in Hydra. */
  rememberFor?: number;
  acr?: string;
  amr?: string[];
  context?: Record<string, unknown>;
}

export interface AcceptConsent {
  grantScope: string[];
  grantAudience: string[];
  remember?: boolean;
  rememberFor?: number;
  context?: unknown;
  session?: { idToken?: Record<string, unknown>; accessToken?: Record<string, unknown> };
}

export interface Rejection {
  /** An OAuth 2.0 error code, e.g. access_denied (RFC 6749 4.1.2.1). */
  error: string;
  errorDescription?: string;
}

/** A client registration as Tobira itself writes it (Hydra's OAuth2Client fields). */
export interface ClientRegistration {
  client_id: string;
  client_secret?: string;
  client_name: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  scope: string;
  token_endpoint_auth_method: "client_secret_basic" | "client_secret_post" | "none";
  skip_consent?: boolean;
  skip_logout_consent?: boolean;
}

export interface Redirect {
  redirectTo: string;
}
