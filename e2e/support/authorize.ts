import crypto from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { createClient, uniqueName } from "./admin";
import { ISSUER } from "./env";

// Starts an authorization request without a browser and returns the UI page the authorization
// server sends to (login with its challenge), so a test can fetch the first HTML as is.

const REDIRECT_URI = "http://localhost:9/callback";

export async function registerClient(metadata?: Record<string, unknown>, name = "Kakeibo Test App"): Promise<string> {
  const { clientId } = await createClient({
    client_id: uniqueName("client"),
    client_name: name,
    redirect_uris: [REDIRECT_URI],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    scope: "openid profile",
    token_endpoint_auth_method: "client_secret_basic",
    ...(metadata ? { metadata } : {}),
  });
  return clientId;
}

export async function loginPageUrl(request: APIRequestContext, clientId: string, uiLocales?: string): Promise<string> {
  const url = new URL(`${ISSUER}/oauth2/auth`);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    scope: "openid profile",
    redirect_uri: REDIRECT_URI,
    state: crypto.randomBytes(12).toString("hex"),
    code_challenge: crypto.createHash("sha256").update(crypto.randomBytes(32)).digest("base64url"),
    code_challenge_method: "S256",
    ...(uiLocales ? { ui_locales: uiLocales } : {}),
  }).toString();
  const response = await request.get(url.href, { maxRedirects: 0 });
  const location = response.headers().location;
  if (!location?.includes("login_challenge=")) throw new Error(`no login redirect: ${response.status()} ${location ?? ""}`);
  return location;
}
