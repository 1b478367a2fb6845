import { describe, expect, it } from "vitest";
import {
  OAuth2ConsentRequestToJSON,
  OAuth2ConsentSessionToJSON,
  OAuth2LoginRequestToJSON,
  OAuth2LogoutRequestToJSON,
  OAuth2RedirectToToJSON,
  type OAuth2Client,
} from "@ory/hydra-client-fetch";
import { reshapeConsentRequest, reshapeLoginRequest, reshapeLogoutRequest } from "./reshape";
import { hydraConsentRequest, hydraConsentSessions, hydraLoginRequest, hydraLogoutRequest, hydraRedirect } from "./schemas";

// Contract: Tobira's schemas accept what the official Ory Hydra SDK serialises. The SDK is a
// devDependency used only here; app code never imports it.

const client: OAuth2Client = {
  client_id: "c1",
  client_name: "Client One",
  logo_uri: "https://example.com/logo.png",
  tos_uri: "https://example.com/tos",
  policy_uri: "https://example.com/policy",
  metadata: { verified: false },
  skip_consent: false,
  created_at: new Date("2024-01-01T00:00:00Z"),
  redirect_uris: ["https://example.com/cb"],
  grant_types: ["authorization_code"],
};

const oidcContext = {
  ui_locales: ["en"],
  login_hint: "alice",
  acr_values: ["urn:tobira:loa:2"],
  display: "page",
  id_token_hint_claims: { sub: "u1" },
};

describe("Hydra SDK contract", () => {
  it("parses a login request", () => {
    const json = OAuth2LoginRequestToJSON({
      challenge: "ch",
      client,
      request_url: "https://issuer/oauth2/auth",
      skip: true,
      subject: "u1",
      requested_scope: ["openid"],
      requested_access_token_audience: ["api"],
      oidc_context: oidcContext,
      session_id: "s1",
    });
    const parsed = reshapeLoginRequest(hydraLoginRequest.parse(json));
    expect(parsed).toMatchObject({
      challenge: "ch",
      skip: true,
      subject: "u1",
      client: { id: "c1", name: "Client One", tosUri: "https://example.com/tos", metadata: { verified: false } },
      requestedAudience: ["api"],
      oidcContext: { uiLocales: ["en"], loginHint: "alice", acrValues: ["urn:tobira:loa:2"] },
      sessionId: "s1",
    });
  });

  it("parses a minimal login request (optional fields absent)", () => {
    const json = OAuth2LoginRequestToJSON({ challenge: "ch", client: {}, request_url: "u", skip: false, subject: "" });
    expect(reshapeLoginRequest(hydraLoginRequest.parse(json)).requestedScope).toEqual([]);
  });

  it("parses a consent request", () => {
    const json = OAuth2ConsentRequestToJSON({
      challenge: "cc",
      client,
      skip: false,
      subject: "u1",
      requested_scope: ["openid", "email"],
      requested_access_token_audience: [],
      oidc_context: oidcContext,
      context: { any: "thing" },
      acr: "urn:tobira:loa:2",
      amr: ["pwd"],
      login_session_id: "ls",
      login_challenge: "lc",
    });
    expect(reshapeConsentRequest(hydraConsentRequest.parse(json))).toMatchObject({
      challenge: "cc",
      subject: "u1",
      requestedScope: ["openid", "email"],
      acr: "urn:tobira:loa:2",
      amr: ["pwd"],
      loginSessionId: "ls",
    });
  });

  it("parses a logout request", () => {
    const json = OAuth2LogoutRequestToJSON({
      challenge: "lo",
      subject: "u1",
      sid: "sid",
      request_url: "https://issuer/oauth2/sessions/logout",
      rp_initiated: true,
      client,
      expires_at: new Date(),
      requested_at: new Date(),
    });
    expect(reshapeLogoutRequest(hydraLogoutRequest.parse(json))).toMatchObject({
      challenge: "lo",
      rpInitiated: true,
      client: { name: "Client One" },
    });
  });

  it("parses redirects and consent sessions", () => {
    expect(hydraRedirect.parse(OAuth2RedirectToToJSON({ redirect_to: "https://x" }))).toEqual({ redirect_to: "https://x" });
    const session = OAuth2ConsentSessionToJSON({
      consent_request: { challenge: "cc", client, requested_scope: ["openid"] },
      grant_scope: ["openid"],
      grant_access_token_audience: [],
      handled_at: new Date("2024-01-02T00:00:00Z"),
      remember: true,
      remember_for: 0,
      session: { id_token: { name: "A" } },
    });
    expect(hydraConsentSessions.parse([session])).toHaveLength(1);
  });
});
