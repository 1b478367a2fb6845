import type { Middleware } from "koa";
import Provider, { errors, interactionPolicy, type Configuration, type JWK, type KoaContextWithOIDC } from "oidc-provider";
import { nowSeconds } from "../common/db/connect";
import { clientLifespan, PROVIDER_PROPERTY } from "./client-lifespans";
import { verifySecret, type ClientRepository } from "./clients";
import type { CoreConfig } from "./config";
import { consentVersionOf, contextConsentVersionOf, type ConsentRepository } from "./consents";
import { createAdapterFactory } from "./db/adapter";
import type { CoreDatabase } from "./db/store";
import { createDeviceFlow, DEVICE_PATHS } from "./device";
import { secretRingOf } from "./config";
import { cookieKeys } from "./keys";
import { createLogoutFlow } from "./logout";
import { pairwiseSubject } from "./pairwise";
import { acceptAnyAuthorizationDetailsType, acceptAnyScope, answerLostConsumeAsReuse } from "./internals";
import { truthfulDiscovery } from "./discovery";
import { FAPI_PROPERTY, FAPI2_CODE_TTL, providerFapiProfile } from "./fapi";
import { resumeGuard } from "./verifiers";

// oidc-provider configured to behave like Ory Hydra's public side. Where the two differ the rule
// is written above the setting that closes the gap (DESIGN.md, "How the core maps Hydra's API").

export const FORCED_LOGIN = "tobira_login";
export const FORCED_CONSENT = "tobira_consent";

/** What the admin API adds to an interaction result next to oidc-provider's own `login`/`consent`. */
export interface TobiraLoginExtra {
  loginChallenge: string;
  context: unknown;
  /** Session lifetime to apply when the login is resumed; absent keeps the session's remaining life. */
  sessionTtl?: number;
}

export const PUBLIC_PATHS = {
  authorization: "/oauth2/auth",
  token: "/oauth2/token",
  revocation: "/oauth2/revoke",
  userinfo: "/userinfo",
  jwks: "/.well-known/jwks.json",
  end_session: "/oauth2/sessions/logout",
  introspection: "/oauth2/introspect",
  pushed_authorization_request: "/oauth2/par",
  device_authorization: DEVICE_PATHS.authorization,
  code_verification: DEVICE_PATHS.verification,
} as const;

/** Claims the consent session may not override (they are the token's own). */
const RESERVED_CLAIMS = new Set([
  "iss", "sub", "aud", "exp", "iat", "nbf", "jti", "nonce", "at_hash", "c_hash", "s_hash",
  "acr", "amr", "auth_time", "sid", "azp",
]);

/**
 * Scopes are the client's business (Hydra: the client's `scope` field is the allow-list), not a
 * fixed server list: every syntactically valid scope counts as known, so custom scopes end up in
 * grants and tokens. Iteration (discovery's scopes_supported) lists only the seeded ones.
 */
class AnyScope extends Set<string> {
  override has(value: string): boolean {
    return typeof value === "string" && value.length > 0;
  }
}

/**
 * OIDC Core 11 drops `offline_access` unless the request has prompt=consent; Hydra does not. A GET
 * authorization request with offline_access gets prompt=consent added (consent is always asked
 * anyway) and this marker, so the admin API treats that prompt as its own and the UI still sees
 * skip=true and the original request_url.
 */
export const OFFLINE_MARKER = "tobira_offline";

function offlineAccessWithoutPrompt(): Middleware {
  return async (ctx, next) => {
    if (ctx.path === PUBLIC_PATHS.authorization && ctx.method === "GET") {
      const query = new URLSearchParams(ctx.querystring);
      query.delete(OFFLINE_MARKER);
      const scopes = (query.get("scope") ?? "").split(" ");
      const prompts = (query.get("prompt") ?? "").split(" ").filter(Boolean);
      const jar = query.has("request") || query.has("request_uri");
      if (scopes.includes("offline_access") && !prompts.includes("consent") && !prompts.includes("none") && !jar) {
        query.set("prompt", [...prompts, "consent"].join(" "));
        query.set(OFFLINE_MARKER, "1");
      }
      ctx.querystring = query.toString();
    }
    return next();
  };
}

/** Scopes oidc-provider treats as OpenID Connect's own (never a resource server's). */
export const OPENID_SCOPES = new Set(["openid", "offline_access", "offline", "profile", "email", "address", "phone"]);

export const requestsOffline = (scopes: Set<string>) => scopes.has("offline_access") || scopes.has("offline");

export interface ProviderDeps {
  config: CoreConfig;
  db: CoreDatabase;
  clients: ClientRepository;
  consents: ConsentRepository;
  signingKeys: JWK[];
  /** The salt of pairwise subjects: configured, or kept in the store (core/settings.ts). */
  pairwiseSalt: string;
}

function loginExtra(ctx: KoaContextWithOIDC): TobiraLoginExtra | undefined {
  return ctx.oidc.result?.tobira as TobiraLoginExtra | undefined;
}

function policy() {
  const { Check } = interactionPolicy;
  const prompts = interactionPolicy.base();

  // Hydra always routes through login and consent and lets the UI decide with `skip`.
  // OIDC Core 3.1.2.1: prompt=none must not display UI, so the forced checks stand aside then.
  prompts.get("login")?.checks.add(
    new Check(FORCED_LOGIN, "the login UI decides (Hydra skip)", (ctx) => {
      if (ctx.oidc.prompts.has("none")) return Check.NO_NEED_TO_PROMPT;
      return ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  prompts.get("consent")?.checks.add(
    new Check(FORCED_CONSENT, "the consent UI decides (Hydra skip)", (ctx) => {
      if (ctx.oidc.prompts.has("none")) return Check.NO_NEED_TO_PROMPT;
      return ctx.oidc.result?.consent ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  return prompts;
}

export function createProvider(deps: ProviderDeps): Provider {
  const { config, db, clients, consents, pairwiseSalt } = deps;
  const logout = createLogoutFlow(deps);
  const device = createDeviceFlow(deps);

  const claimsOf = async (grantId: string | undefined) => {
    const record = grantId ? await consents.byGrant(grantId) : undefined;
    const claims: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record?.session.id_token ?? {})) {
      if (!RESERVED_CLAIMS.has(key)) claims[key] = value;
    }
    return claims;
  };

  const configuration: Configuration = {
    adapter: createAdapterFactory(db, (id) => clients.providerMetadata(id)),
    jwks: { keys: deps.signingKeys },
    cookies: {
      keys: cookieKeys(secretRingOf(config)),
      names: { session: "tobira_core_session", interaction: "tobira_core_interaction", resume: "tobira_core_resume" },
      long: { httpOnly: true, sameSite: "lax" },
      short: { httpOnly: true, sameSite: "lax" },
    },
    routes: PUBLIC_PATHS,
    // Hydra's client model (core/client-model.ts): pairwise subjects, key-based client
    // authentication, signed userinfo, and the per-client lifespans the ttl functions below read.
    subjectTypes: ["public", "pairwise"],
    pairwiseIdentifier: (_ctx, accountId, client) => pairwiseSubject(client, accountId, pairwiseSalt),
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"],
    enabledJWA: {
      clientAuthSigningAlgValues: ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"],
      // Only what the core has keys for (keys.ts: an RSA and a P-256 key).
      idTokenSigningAlgValues: ["RS256", "PS256", "ES256"],
      userinfoSigningAlgValues: ["RS256", "PS256", "ES256"],
      // Request objects are verified with the client's public keys (an HMAC one would need the
      // secret, which the core keeps only as a hash for most clients).
      requestObjectSigningAlgValues: ["RS256", "PS256", "ES256"],
      dPoPSigningAlgValues: ["ES256", "PS256", "Ed25519", "EdDSA"],
    },
    // Every response type a client may register; only `code` is offered without the operator's
    // opt-in (core/response-types.ts), and discovery lists only that (core/discovery.ts).
    responseTypes: ["code", "code id_token", "id_token", "none"],
    extraClientMetadata: { properties: [PROVIDER_PROPERTY, FAPI_PROPERTY] },
    // jwks_uri, sector_identifier_uri and backchannel_logout_uri are fetched by oidc-provider,
    // which refuses special-use addresses; CLIENTS_HTTP_DISALLOW_PRIVATE_IP_RANGES=false (Hydra's
    // default) lets clients on a private network be reached.
    fetch: (url, init) => fetch(url, config.clientsHttpDisallowPrivateIpRanges ? init : { ...init, dispatcher: undefined } as RequestInit),
    scopes: new AnyScope([...OPENID_SCOPES]),
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      sid: null,
      iss: null,
      openid: ["sub"],
      profile: ["name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at"],
      email: ["email", "email_verified"],
      address: ["address"],
      phone: ["phone_number", "phone_number_verified"],
    },
    // The acr values the UI sets on login accept (lib/assurance); the accept may still send others.
    acrValues: [config.acrLevel2, config.acrLevel3],
    // Hydra puts the consent session's id_token claims into the ID token even in the code flow.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      // RFC 9101 signed request objects (request=), for clients that register
      // request_object_signing_alg; unsigned ones stay refused for those clients.
      requestObjects: { enabled: true, requireSignedRequestObject: false },
      claimsParameter: { enabled: true },
      // RFC 9126, at Hydra's path; required for clients that register it, and for FAPI 2.0 clients.
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      // RFC 9449 proof-of-possession; FAPI 2.0 clients get only DPoP-bound tokens.
      dPoP: { enabled: true },
      // The FAPI profile is the client's (metadata.tobira.fapi_profile, core/fapi.ts).
      fapi: { enabled: true, profile: (_ctx, client) => (providerFapiProfile(client) === "fapi2" ? "2.0" : undefined) },
      // RFC 9396 Rich Authorization Requests. The core carries authorization_details of any type
      // (see internals.ts) to the consent request; the UI decides which types it can show and approve.
      // What the person approved is stored on the grant and copied into codes and tokens.
      richAuthorizationRequests: {
        enabled: true,
        types: { payment_initiation: { validate: () => undefined } },
        authorizationDetailsForGrantSource: async (ctx) => ctx.oidc.grant?.rar,
        authorizationDetailsForAccessToken: async (_ctx, _token, source) => source?.rar,
        authorizationDetailsForIntrospection: async (_ctx, token) => token.rar,
      },
      // oidc-provider drops every scope that is not OpenID Connect's unless the request names a
      // resource server (RFC 8707), and RFC 9396 requests need one too. Hydra has neither rule:
      // its scopes are the client's. So such a request gets the issuer (this service's own APIs)
      // as its resource, with the client's non-OpenID scopes; any other resource is refused.
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx, _client, oneOf) => {
          if (oneOf) return oneOf;
          const scopes = String(ctx.oidc.params?.scope ?? "").split(" ").filter(Boolean);
          const apiScopes = scopes.some((scope) => !OPENID_SCOPES.has(scope));
          return apiScopes || ctx.oidc.params?.authorization_details ? config.issuer : undefined;
        },
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource, client) => {
          if (resource !== config.issuer) throw new errors.InvalidTarget();
          const scopes = (client.scope ?? "").split(" ").filter((scope) => scope && !OPENID_SCOPES.has(scope));
          return { scope: scopes.join(" "), audience: config.issuer, accessTokenFormat: "opaque" };
        },
      },
      clientCredentials: { enabled: true },
      // RFC 8628, with the code entry, success and error pages in the UI (core/device.ts).
      deviceFlow: {
        enabled: true,
        userCodeInputSource: (ctx, form, out, err) => device.userCodeInputSource(ctx, form, out, err),
        userCodeConfirmSource: (ctx) => device.userCodeConfirmSource(ctx),
        successSource: (ctx) => device.successSource(ctx),
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx) => logout.begin(ctx),
        postLogoutSuccessSource: (ctx) => {
          ctx.status = 303;
          ctx.redirect(config.postLogoutRedirectUrl);
        },
      },
    },
    // RFC 9700 2.1.1: public clients must use PKCE (S256, the only method oidc-provider 9 offers);
    // FAPI 2.0 5.3.2.2 item 4: so must FAPI 2.0 clients.
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" || providerFapiProfile(client) === "fapi2" },
    extraParams: {
      // Set only by offlineAccessWithoutPrompt (which strips it from GET requests).
      async [OFFLINE_MARKER](ctx, value) {
        if (value !== undefined && ctx.method !== "GET") throw new errors.InvalidRequest(`${OFFLINE_MARKER} is reserved`);
      },
      // Hydra's `audience` authorization parameter: every value must be in the client's allow-list.
      async audience(ctx, value, client) {
        if (!value) return;
        const allowed = new Set((await clients.get(client.clientId))?.audience ?? []);
        const denied = value.split(" ").filter((aud) => aud && !allowed.has(aud));
        if (denied.length) {
          throw new errors.InvalidRequest(`requested audience is not allowed for this client: ${denied.join(" ")}`);
        }
        void ctx;
      },
    },
    interactions: {
      policy: policy(),
      url(_ctx, interaction) {
        const consent = interaction.prompt.name === "consent";
        const target = new URL(consent ? config.consentUrl : config.loginUrl);
        target.searchParams.set(consent ? "consent_challenge" : "login_challenge", interaction.uid);
        return target.href;
      },
    },
    async findAccount(ctx, sub, token) {
      return {
        accountId: sub,
        async claims() {
          const grantId = token?.grantId ?? ctx.oidc.entities.Grant?.jti ?? ctx.oidc.result?.consent?.grantId;
          return { ...(await claimsOf(grantId)), sub };
        },
      };
    },
    // Remembered consent belongs to subject + client (Hydra), not to the browser session.
    async loadExistingGrant(ctx) {
      const current = ctx.oidc.result?.consent?.grantId;
      if (current) return ctx.oidc.provider.Grant.find(current);
      const subject = ctx.oidc.session?.accountId;
      if (!subject || !ctx.oidc.client) return undefined;
      const remembered = await consents.remembered(subject, ctx.oidc.client.clientId);
      if (!remembered) return undefined;
      // A client whose consent metadata (purpose, terms, …) changed version since the person
      // decided must ask again (CONSENT.md §2), even for prompt=none (then: consent_required).
      const version = consentVersionOf((await clients.get(ctx.oidc.client.clientId))?.metadata);
      if (version !== contextConsentVersionOf(remembered.context)) return undefined;
      return ctx.oidc.provider.Grant.find(remembered.grantId);
    },
    // Hydra issues a refresh token for `offline_access` or its own alias `offline`.
    issueRefreshToken: (_ctx, client, code) => client.grantTypeAllowed("refresh_token") && requestsOffline(code.scopes),
    // Hydra's tokens outlive the browser session; only revocation or expiry ends them.
    expiresWithSession: () => false,
    rotateRefreshToken: true,
    async extraTokenClaims(_ctx, token) {
      const grantId = "grantId" in token ? token.grantId : undefined;
      if (!grantId) return undefined;
      const record = await consents.byGrant(grantId);
      const ext = record?.session.access_token;
      return ext && Object.keys(ext).length ? ext : undefined;
    },
    // A client's own lifespan for the grant at hand (Hydra's *_grant_*_lifespan) wins over the
    // server's; a refresh token still never outlives its grant.
    ttl: {
      AccessToken: (ctx, _token, client) => clientLifespan(ctx, client, "access_token") ?? config.accessTokenTtl,
      IdToken: (ctx, _token, client) => clientLifespan(ctx, client, "id_token") ?? config.accessTokenTtl,
      // FAPI 2.0 5.3.2.1 item 13: a FAPI 2.0 client's code lives 60 s at most.
      AuthorizationCode: (_ctx, _code, client) =>
        providerFapiProfile(client) === "fapi2" ? Math.min(FAPI2_CODE_TTL, config.authorizationCodeTtl) : config.authorizationCodeTtl,
      DeviceCode: config.deviceCodeTtl,
      // A refresh token never outlives its grant (the end date the person was shown).
      RefreshToken(ctx, _token, client) {
        const ttl = clientLifespan(ctx, client, "refresh_token") ?? config.refreshTokenTtl;
        const grantExp = ctx?.oidc?.entities?.Grant?.exp;
        const left = typeof grantExp === "number" ? grantExp - nowSeconds() : ttl;
        return Math.max(1, Math.min(ttl, left));
      },
      ClientCredentials: (ctx, _token, client) => clientLifespan(ctx, client, "access_token") ?? config.accessTokenTtl,
      Interaction: config.challengeTtl,
      Grant: config.grantTtl,
      // remember_for on login sessions: the accept decides the lifetime, later requests keep it.
      Session(ctx, session) {
        const login = ctx?.oidc?.result?.login;
        const extra = ctx?.oidc ? loginExtra(ctx) : undefined;
        if (login && extra?.sessionTtl && login.accountId === session.accountId) return extra.sessionTtl;
        if (typeof session.exp === "number" && session.exp > nowSeconds()) return session.exp - nowSeconds();
        return config.sessionTtl;
      },
    },
    // Errors shown to the browser go to the UI's error page, with public text only.
    async renderError(ctx, out) {
      const target = new URL(config.errorUrl);
      target.searchParams.set("error", out.error);
      if (out.error_description) target.searchParams.set("error_description", String(out.error_description));
      ctx.type = "html";
      ctx.redirect(target.href);
      ctx.status = 303;
    },
  };

  const provider = new Provider(config.issuer, configuration);
  provider.proxy = true;

  // Client secrets are stored as scrypt hashes; oidc-provider compares what the client sent.
  provider.Client.prototype.compareClientSecret = function compareClientSecret(this: { clientSecret?: string }, actual: string) {
    return verifySecret(actual, this.clientSecret);
  };

  // Hydra: every ID token carries `sid`, the login session id (login_session_id) — the same for
  // every client; oidc-provider adds it only for front/back-channel logout clients, per client.
  provider.Client.prototype.includeSid = () => true;
  const sessionProto = provider.Session.prototype as unknown as {
    sidFor(this: { uid: string }, clientId: string, value?: string): string | undefined;
  };
  const originalSidFor = sessionProto.sidFor;
  sessionProto.sidFor = function sidFor(clientId, value) {
    return value === undefined ? originalSidFor.call(this, clientId) : originalSidFor.call(this, clientId, this.uid);
  };

  // Hydra: every claim of the consent session's id_token reaches the ID token and userinfo, not
  // only the ones oidc-provider maps to a granted scope; acr/amr always (free-form acr values).
  const claimsProto = provider.Claims.prototype as unknown as {
    available: Record<string, unknown>;
    result(): Promise<Record<string, unknown>>;
  };
  const originalResult = claimsProto.result;
  claimsProto.result = async function result() {
    const filtered = await originalResult.call(this);
    const passthrough: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.available)) {
      if (value !== undefined && value !== null && !key.startsWith("_")) passthrough[key] = value;
    }
    return { ...passthrough, ...filtered };
  };

  acceptAnyAuthorizationDetailsType(provider);
  acceptAnyScope(provider);
  answerLostConsumeAsReuse(provider);
  // Login and consent continue at oidc-provider's resume routes only with the accept's verifier.
  provider.use(resumeGuard(deps, provider, [`${PUBLIC_PATHS.authorization}/`, `${PUBLIC_PATHS.code_verification}/`]));
  provider.use(offlineAccessWithoutPrompt());
  provider.use(truthfulDiscovery());
  provider.use(logout.middleware(provider));
  provider.use(device.middleware());
  return provider;
}
