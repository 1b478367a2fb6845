import crypto from "node:crypto";
import http from "node:http";
import * as oidc from "openid-client";
import { createClient } from "./admin";
import { ISSUER, port } from "./env";

// A FAPI 2.0 relying party for the specs (openid-client with private_key_jwt), and the loopback
// address its browser returns to (FAPI 2.0 allows http only there).

export const FAPI_CALLBACK = `http://127.0.0.1:${port(3990)}/fapi/callback`;
export const FAPI_APP = "FAPI budget app";

export async function registerFapiClient() {
  const { publicKey, privateKey } = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const kid = crypto.randomUUID();
  const jwk = { ...(await crypto.subtle.exportKey("jwk", publicKey)), kid, alg: "ES256", use: "sig" };
  const { clientId } = await createClient({
    client_name: FAPI_APP,
    redirect_uris: [FAPI_CALLBACK],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    scope: "openid profile",
    token_endpoint_auth_method: "private_key_jwt",
    token_endpoint_auth_signing_alg: "ES256",
    jwks: { keys: [jwk] },
    metadata: { tobira: { fapi_profile: "fapi2" } },
  });
  const config = await oidc.discovery(new URL(ISSUER), clientId, undefined, oidc.PrivateKeyJwt({ key: privateKey, kid }), {
    execute: [oidc.allowInsecureRequests],
  });
  return { clientId, config };
}

/** The app's callback page: a real listener (a redirect's target cannot be caught with page.route). */
export async function startCallback(): Promise<{ close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("back at the app");
  });
  await new Promise<void>((resolve) => server.listen(Number(new URL(FAPI_CALLBACK).port), "127.0.0.1", resolve));
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
