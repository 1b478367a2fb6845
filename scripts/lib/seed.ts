import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// First-start data for trying Tobira: one client app and one person. Both go in through the
// public interfaces (the Hydra admin API and SCIM), exactly as an operator's would.

export const DEMO_CLIENT_ID = "tobira-demo";
export const DEMO_USER_NAME = "demo";

export interface DemoData {
  clientId: string;
  clientSecret: string;
  userName: string;
  password: string;
}

export async function seedDemo(options: {
  adminUrl: string;
  /** Bearer token of the admin API, when it requires one. */
  adminApiToken?: string;
  uiUrl: string;
  adminToken: string;
  dataDir: string;
  demoOrigin: string;
}): Promise<DemoData> {
  const secrets = demoSecrets(options.dataDir);
  await upsertClient(options.adminUrl, options.adminApiToken, {
    client_id: DEMO_CLIENT_ID,
    client_secret: secrets.clientSecret,
    client_name: "Tobira demo app",
    redirect_uris: [`${options.demoOrigin}/callback`],
    post_logout_redirect_uris: [`${options.demoOrigin}/`],
    frontchannel_logout_uri: `${options.demoOrigin}/frontchannel-logout`,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    scope: "openid profile email offline_access",
    token_endpoint_auth_method: "client_secret_basic",
    metadata: { "client_name#ja": "Tobira デモアプリ" },
  });
  await ensureUser(options.uiUrl, options.adminToken, secrets.password);
  return { clientId: DEMO_CLIENT_ID, clientSecret: secrets.clientSecret, userName: DEMO_USER_NAME, password: secrets.password };
}

function demoSecrets(dataDir: string): { clientSecret: string; password: string } {
  const file = path.join(dataDir, "demo.json");
  if (!fs.existsSync(file)) {
    const fresh = {
      clientSecret: crypto.randomBytes(24).toString("base64url"),
      password: `demo-${crypto.randomBytes(6).toString("hex")}`,
    };
    fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as { clientSecret: string; password: string };
}

async function upsertClient(adminUrl: string, token: string | undefined, client: Record<string, unknown> & { client_id: string }) {
  const authorization: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const headers = { ...json, ...authorization };
  const existing = await fetch(`${adminUrl}/admin/clients/${client.client_id}`, { headers: authorization });
  const response =
    existing.status === 404
      ? await fetch(`${adminUrl}/admin/clients`, { method: "POST", headers, body: JSON.stringify(client) })
      : await fetch(`${adminUrl}/admin/clients/${client.client_id}`, { method: "PUT", headers, body: JSON.stringify(client) });
  if (!response.ok) throw new Error(`could not register the demo client: HTTP ${response.status} ${await response.text()}`);
}

async function ensureUser(uiUrl: string, adminToken: string, password: string) {
  const response = await fetch(`${uiUrl}/scim/v2/Users`, {
    method: "POST",
    headers: { "Content-Type": "application/scim+json", Authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: DEMO_USER_NAME,
      password,
      name: { givenName: "Hanako", familyName: "Yamada", formatted: "Yamada Hanako" },
      displayName: "Yamada Hanako",
      emails: [{ value: "demo@example.com", primary: true }],
    }),
  });
  // 409: the demo person exists from an earlier start.
  if (!response.ok && response.status !== 409) {
    throw new Error(`could not create the demo user: HTTP ${response.status} ${await response.text()}`);
  }
}

const json = { "Content-Type": "application/json" };
