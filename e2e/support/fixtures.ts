import { test as base } from "@playwright/test";
import { startClientApp, type ClientApp } from "../../demo/client-app";
import { createClient, createPerson, deleteClient, uniqueName, type Person } from "./admin";
import { ISSUER } from "./env";

export interface TestClient {
  clientId: string;
  app: ClientApp;
}

interface Fixtures {
  person: Person;
  /** A confidential client app registered for this test only, running on its own port. */
  client: TestClient;
  clientOptions: {
    name: string;
    scope: string;
    metadata?: Record<string, unknown>;
    extra?: Record<string, unknown>;
    /** Registers the app's front-channel logout URI. */
    frontchannelLogout?: boolean;
  };
}

export const test = base.extend<Fixtures>({
  clientOptions: [{ name: "Kakeibo Test App", scope: "openid profile email offline_access" }, { option: true }],
  person: async ({}, use) => {
    await use(await createPerson());
  },
  client: async ({ clientOptions }, use) => {
    const started = await startTestClient(clientOptions);
    await use(started);
    await stopTestClient(started);
  },
});

export type ClientOptions = Fixtures["clientOptions"];

/** Starts a client app and registers it; the redirect URI depends on the port the app gets, so
 * the app starts first and the client is registered before the app sees its first request. */
export async function startTestClient(clientOptions: ClientOptions): Promise<TestClient> {
  const pending = { clientId: uniqueName("client"), clientSecret: "" };
  const app = await startClientApp({
    issuer: ISSUER,
    port: 0,
    title: clientOptions.name,
    scope: clientOptions.scope,
    get clientId() { return pending.clientId; },
    get clientSecret() { return pending.clientSecret; },
  });
  const created = await createClient({
    client_id: pending.clientId,
    client_name: clientOptions.name,
    redirect_uris: [app.redirectUri],
    post_logout_redirect_uris: [`${app.url}/`],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    scope: clientOptions.scope,
    token_endpoint_auth_method: "client_secret_basic",
    ...(clientOptions.metadata ? { metadata: clientOptions.metadata } : {}),
    ...(clientOptions.frontchannelLogout ? { frontchannel_logout_uri: app.frontchannelLogoutUri } : {}),
    ...clientOptions.extra,
  });
  pending.clientSecret = created.clientSecret;
  return { clientId: created.clientId, app };
}

export async function stopTestClient(client: TestClient): Promise<void> {
  await client.app.close();
  await deleteClient(client.clientId);
}

export { expect } from "@playwright/test";
