import fs from "node:fs";
import { Configuration, JwkApi, MetadataApi, OAuth2Api } from "@ory/hydra-client-fetch";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChallengeClient } from "../lib/challenge/client";
import { offsetToken } from "../common/page-token";
import { Browser, RP, startTestCore, tempDir, UI } from "./testing/harness";
import { startHydra, type RunningHydra } from "./testing/hydra";
import type { RunningCore } from "./index";

// Ory's own SDK (@ory/hydra-client-fetch, what Hydra's CLI and Terraform provider are built on)
// driven against the embedded core and against real Ory Hydra v2.3.0 side by side: the same calls,
// and the answers compared field by field. Where the core must differ, the difference is named
// here and explained in the README ("The embedded core's admin API").

interface Server {
  name: "core" | "hydra";
  issuer: string;
  adminUrl: string;
  oauth2: OAuth2Api;
  jwk: JwkApi;
  metadata: MetadataApi;
}

const urls = { login: `${UI}/login`, consent: `${UI}/consent`, logout: `${UI}/logout`, error: `${UI}/error`, postLogout: `${UI}/logout/done` };

let dir: string;
let core: RunningCore;
let hydra: RunningHydra;
let servers: Server[];

function serverOf(name: Server["name"], issuer: string, adminUrl: string): Server {
  const configuration = new Configuration({ basePath: adminUrl });
  return { name, issuer, adminUrl, oauth2: new OAuth2Api(configuration), jwk: new JwkApi(configuration), metadata: new MetadataApi(configuration) };
}

beforeAll(async () => {
  dir = tempDir();
  [core, hydra] = await Promise.all([startTestCore(dir), startHydra(urls)]);
  servers = [serverOf("core", core.issuer, core.adminUrl), serverOf("hydra", hydra.issuer, hydra.adminUrl)];
}, 20 * 60_000); // a first run builds Hydra (scripts/lib/hydra.ts)

afterAll(async () => {
  await Promise.all([core?.close(), hydra?.close()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `scenario` on both servers; the answers, keyed by server. */
async function onBoth<T>(scenario: (server: Server) => Promise<T>): Promise<{ core: T; hydra: T }> {
  const [onCore, onHydra] = await Promise.all(servers.map(scenario));
  return { core: onCore as T, hydra: onHydra as T };
}

/** Values each server generates for itself (ids, secrets, clocks, challenges): compared by type. */
const GENERATED = new Set([
  "client_id", "client_secret", "created_at", "updated_at", "registration_access_token", "registration_client_uri",
  "handled_at", "requested_at", "authenticated_at", "challenge", "login_challenge", "login_session_id", "consent_request_id", "request_url",
]);

/**
 * Fields only the core sends, each for a reason the README gives: `expires_at` of a consent
 * session is the end date the person was shown (Hydra v2.3 keeps none, so Tobira enforces it
 * itself, lib/grants/); the device grant's lifespans belong to the device flow (RFC 8628),
 * which the core has and Hydra v2.3 has not (later Hydra versions name them the same way).
 */
const CORE_ONLY = new Set([
  "expires_at",
  "device_authorization_grant_access_token_lifespan",
  "device_authorization_grant_id_token_lifespan",
  "device_authorization_grant_refresh_token_lifespan",
]);

/** Fields only Hydra sends: its OpenID Connect Dynamic Client Registration management
 * (registration_access_token for /oauth2/register/{id}), which the core does not offer. */
const HYDRA_ONLY = new Set(["registration_access_token", "registration_client_uri"]);

function comparable(value: unknown, drop: Set<string> = new Set()): unknown {
  if (Array.isArray(value)) return value.map((inner) => comparable(inner, drop));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !drop.has(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, GENERATED.has(key) ? typeof inner : comparable(inner, drop)]),
    );
  }
  return value;
}

const CLIENT = {
  client_name: "Contract RP",
  redirect_uris: [RP],
  post_logout_redirect_uris: ["http://rp.test/logged-out"],
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
  scope: "openid offline_access profile",
  audience: ["https://api.rp.test"],
  token_endpoint_auth_method: "client_secret_basic",
  client_uri: "https://rp.test",
  policy_uri: "https://rp.test/privacy",
  tos_uri: "https://rp.test/terms",
  logo_uri: "https://rp.test/logo.png",
  contacts: ["ops@rp.test"],
  owner: "contract-team",
  metadata: { purpose: "contract test" },
  skip_consent: false,
};

async function json(response: { raw: Response }): Promise<Record<string, unknown>> {
  return (await response.raw.json()) as Record<string, unknown>;
}

describe("Ory's SDK against the embedded core and Ory Hydra v2.3.0", () => {
  it("creates, reads, lists, replaces and deletes a client with the same answers", async () => {
    const answers = await onBoth(async ({ oauth2 }) => {
      const created = await json(await oauth2.createOAuth2ClientRaw({ oAuth2Client: CLIENT }));
      const clientId = String(created.client_id);
      const read = await json(await oauth2.getOAuth2ClientRaw({ id: clientId }));
      const listed = ((await oauth2.listOAuth2ClientsRaw({ owner: "contract-team", pageSize: 10 }).then(json)) as unknown) as Array<Record<string, unknown>>;
      // As Hydra's CLI does: read the client through the SDK's model, change it, send it back.
      const model = await oauth2.getOAuth2Client({ id: clientId });
      const replaced = await json(await oauth2.setOAuth2ClientRaw({ id: clientId, oAuth2Client: { ...model, client_name: "Contract RP, renamed", scope: "openid" } }));
      await oauth2.deleteOAuth2Client({ id: clientId });
      const gone = await oauth2.getOAuth2ClientRaw({ id: clientId }).then(
        () => 200,
        (err: { response?: Response }) => err.response?.status,
      );
      return { created, read, listed: listed.filter((c) => c.client_id === clientId), replaced, gone };
    });
    for (const step of ["created", "read", "listed", "replaced"] as const) {
      expect(comparable(answers.core[step], CORE_ONLY), step).toEqual(comparable(answers.hydra[step], HYDRA_ONLY));
    }
    // The named differences are real: each list names fields the server does send.
    expect(Object.keys(answers.hydra.created)).toEqual(expect.arrayContaining([...HYDRA_ONLY]));
    expect(Object.keys(answers.core.created)).toEqual(expect.arrayContaining([...CORE_ONLY].filter((key) => key !== "expires_at")));
    expect(answers.core.gone).toBe(404);
    expect(answers.hydra.gone).toBe(404);
  });
});

/** A person signs in and allows a client (remembered); the token response. */
/** The relying party, authenticating as the client registered (client_secret_basic). */
function rp(server: Server, client: { client_id: string; client_secret: string }) {
  return oidc.discovery(new URL(server.issuer), client.client_id, undefined, oidc.ClientSecretBasic(client.client_secret), {
    execute: [oidc.allowInsecureRequests],
  });
}

async function authorize(server: Server, client: { client_id: string; client_secret: string }, subject: string) {
  const config = await rp(server, client);
  const browser = new Browser();
  const origin = [new URL(server.issuer).origin];
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: RP,
    scope: "openid offline_access profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
  });
  const atLogin = await browser.follow(url.href, origin);
  const login = await server.oauth2.acceptOAuth2LoginRequest({
    loginChallenge: String(atLogin.searchParams.get("login_challenge")),
    acceptOAuth2LoginRequest: { subject, remember: true, remember_for: 3600, acr: "1", amr: ["pwd"] },
  });
  const atConsent = await browser.follow(login.redirect_to, origin);
  const consent = await server.oauth2.acceptOAuth2ConsentRequest({
    consentChallenge: String(atConsent.searchParams.get("consent_challenge")),
    acceptOAuth2ConsentRequest: { grant_scope: ["openid", "offline_access", "profile"], remember: true, remember_for: 3600 },
  });
  const back = await browser.follow(consent.redirect_to, origin);
  try {
    return await oidc.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state });
  } catch (err) {
    throw new Error(`${server.name}: token request failed: ${JSON.stringify((err as { cause?: unknown }).cause)}`);
  }
}

const nameOf = (session: Record<string, unknown>) => String((session.consent_request as { client?: { client_name?: string } }).client?.client_name);

describe("consent sessions through Ory's SDK", () => {
  it("lists a person's consents page by page and revokes one, with the same answers", async () => {
    const subject = `contract-${Date.now()}`;
    const answers = await onBoth(async (server) => {
      const clients = [];
      for (let i = 0; i < 3; i++) {
        const created = await server.oauth2.createOAuth2Client({ oAuth2Client: { ...CLIENT, client_name: `Contract RP ${i}` } });
        clients.push({ client_id: String(created.client_id), client_secret: String(created.client_secret) });
      }
      const tokens = [];
      for (const client of clients) tokens.push(await authorize(server, client, subject));

      // Page by page the way Hydra v2 pages (offset tokens): its own Link header is wrong in v2.3.
      const pages: Array<Array<Record<string, unknown>>> = [];
      const totals: Array<string | null> = [];
      for (const offset of [0, 2]) {
        const response = await server.oauth2.listOAuth2ConsentSessionsRaw({ subject, pageSize: 2, pageToken: offset ? offsetToken(offset) : undefined });
        pages.push((await response.raw.json()) as Array<Record<string, unknown>>);
        totals.push(response.raw.headers.get("x-total-count"));
      }
      // Tobira's own admin client, with a page size small enough to need every page.
      const tobira = await createChallengeClient({ baseUrl: server.adminUrl, consentPageSize: 2 }).listConsentSessions(subject);

      await server.oauth2.revokeOAuth2ConsentSessions({ subject, client: clients[0]?.client_id });
      const after = await server.oauth2.listOAuth2ConsentSessions({ subject, pageSize: 10 });
      const refresh = await oidc.refreshTokenGrant(await rp(server, clients[0]!), String(tokens[0]?.refresh_token)).then(
        () => "refreshed",
        (err: { error?: string }) => err.error,
      );
      return {
        pageSizes: pages.map((page) => page.length),
        totals,
        tobira: tobira.map((session) => session.client?.name).sort(),
        // Hydra orders by when the flow started, at a precision that ties flows a moment apart.
        sessions: pages.flat().sort((a, b) => nameOf(a).localeCompare(nameOf(b))),
        clientNames: pages.flat().map(nameOf).sort(),
        remaining: after.map((s) => s.consent_request?.client?.client_name).sort(),
        refresh,
      };
    });
    expect(answers.core.pageSizes).toEqual([2, 1]);
    expect(answers.hydra.pageSizes).toEqual([2, 1]);
    expect(answers.core.totals).toEqual(["3", "3"]);
    expect(answers.hydra.totals).toEqual(["3", "3"]);
    expect(answers.core.clientNames).toEqual(["Contract RP 0", "Contract RP 1", "Contract RP 2"]);
    expect(answers.hydra.clientNames).toEqual(answers.core.clientNames);
    expect(answers.core.tobira).toEqual(answers.core.clientNames);
    expect(answers.hydra.tobira).toEqual(answers.core.clientNames);
    expect(comparable(answers.core.sessions, CORE_ONLY)).toEqual(comparable(answers.hydra.sessions));
    expect(answers.core.sessions.every((session) => "expires_at" in session)).toBe(true);
    expect(answers.core.remaining).toEqual(["Contract RP 1", "Contract RP 2"]);
    expect(answers.hydra.remaining).toEqual(answers.core.remaining);
    expect(answers.core.refresh).toBe("invalid_grant");
    expect(answers.hydra.refresh).toBe("invalid_grant");
  });
});

describe("what Hydra's CLI and Terraform provider do, through Ory's SDK", () => {
  it("patches a client, sets its lifespans, rotates the ID-token key and deletes a client's tokens, with the same answers", async () => {
    const answers = await onBoth(async (server) => {
      const { oauth2, jwk, metadata } = server;
      const created = await oauth2.createOAuth2Client({ oAuth2Client: { ...CLIENT, grant_types: ["authorization_code", "refresh_token", "client_credentials"] } });
      const client = { client_id: String(created.client_id), client_secret: String(created.client_secret) };

      const patched = await json(
        await oauth2.patchOAuth2ClientRaw({
          id: client.client_id,
          jsonPatch: [
            { op: "replace", path: "/client_name", value: "Contract RP, patched" },
            { op: "add", path: "/contacts/-", value: "security@rp.test" },
            // Not "remove": Hydra v2.3 decodes the patched JSON into the stored client, so a removed
            // field keeps its value there (the core removes it, RFC 6902 §4.2).
            { op: "replace", path: "/tos_uri", value: "" },
          ],
        }),
      );
      // A patch may not move a client to another id (Hydra answers 404 for the id it would
      // become, the core 400); either way the client stays where it was.
      const moveStatus = await oauth2.patchOAuth2ClientRaw({ id: client.client_id, jsonPatch: [{ op: "replace", path: "/client_id", value: "taken-over" }] }).then(
        () => 200,
        (err: { response?: Response }) => err.response?.status ?? 0,
      );
      const badPatch = moveStatus >= 400 && moveStatus < 500 && (await oauth2.getOAuth2Client({ id: client.client_id })).client_name === "Contract RP, patched";
      const lifespans = await json(
        await oauth2.setOAuth2ClientLifespansRaw({ id: client.client_id, oAuth2ClientTokenLifespans: { client_credentials_grant_access_token_lifespan: "30m0s" } }),
      );
      const config = await rp(server, client);
      const machine = await oidc.clientCredentialsGrant(config);

      // Rotation: a new key in hydra.openid.id-token signs the next ID tokens; the old public
      // key stays published, so what it signed still verifies.
      const before = await authorize(server, client, `rotation-${server.name}`);
      const kid = `contract-rotated-${Date.now()}`;
      const createdKeys = await jwk.createJsonWebKeySet({ set: "hydra.openid.id-token", createJsonWebKeySet: { alg: "RS256", kid, use: "sig" } });
      const after = await authorize(server, client, `rotation-${server.name}`);
      const published = (await (await fetch(new URL(".well-known/jwks.json", server.issuer.endsWith("/") ? server.issuer : `${server.issuer}/`))).json()) as { keys: Array<{ kid: string; d?: string }> };
      const oldKid = decodeProtectedHeader(String(before.id_token)).kid;
      const jwks = createLocalJWKSet(published as unknown as Parameters<typeof createLocalJWKSet>[0]);
      const oldStillVerifies = await jwtVerify(String(before.id_token), jwks).then(() => true, () => false);

      // Deleting the client's tokens ends its access tokens.
      const activeBefore = (await oauth2.introspectOAuth2Token({ token: machine.access_token })).active;
      await oauth2.deleteOAuth2Token({ clientId: client.client_id });
      const activeAfter = (await oauth2.introspectOAuth2Token({ token: machine.access_token })).active;
      const userTokenAfter = (await oauth2.introspectOAuth2Token({ token: after.access_token })).active;

      const alive = await metadata.isAlive();
      const version = await metadata.getVersion();
      const metrics = await fetch(`${server.adminUrl}/admin/metrics/prometheus`);
      return {
        patched,
        badPatch,
        lifespans,
        // Hydra counts the second the request took: minutes compare.
        machineLifespanMinutes: Math.round((machine.expires_in ?? 0) / 60),
        createdKid: createdKeys.keys?.[0]?.kid === kid,
        privateKeyReturned: Boolean((createdKeys.keys?.[0] as { d?: string } | undefined)?.d),
        newKid: decodeProtectedHeader(String(after.id_token)).kid === kid,
        oldKidPublished: published.keys.some((key) => key.kid === oldKid),
        newKidPublished: published.keys.some((key) => key.kid === kid),
        privateKeyPublished: published.keys.some((key) => key.d !== undefined),
        oldStillVerifies,
        activeBefore,
        activeAfter,
        userTokenAfter,
        alive: alive.status,
        version: typeof version.version,
        metrics: { status: metrics.status, type: metrics.headers.get("content-type")?.split(";")[0], text: /^# (HELP|TYPE) /m.test(await metrics.text()) },
      };
    });
    expect(comparable(answers.core.patched, CORE_ONLY)).toEqual(comparable(answers.hydra.patched, HYDRA_ONLY));
    expect(answers.core.patched).toMatchObject({ client_name: "Contract RP, patched", contacts: ["ops@rp.test", "security@rp.test"] });
    expect(comparable(answers.core.lifespans, CORE_ONLY)).toEqual(comparable(answers.hydra.lifespans, HYDRA_ONLY));
    const outcomes = (answer: typeof answers.core) => Object.fromEntries(Object.entries(answer).filter(([key]) => key !== "patched" && key !== "lifespans"));
    expect(outcomes(answers.core)).toEqual(outcomes(answers.hydra));
    expect(outcomes(answers.core)).toEqual({
      badPatch: true,
      machineLifespanMinutes: 30,
      createdKid: true,
      privateKeyReturned: true,
      newKid: true,
      oldKidPublished: true,
      newKidPublished: true,
      privateKeyPublished: false,
      oldStillVerifies: true,
      activeBefore: true,
      activeAfter: false,
      // Like Hydra: tokens issued to the client for a person are deleted too.
      userTokenAfter: false,
      alive: "ok",
      version: "string",
      metrics: { status: 200, type: "text/plain", text: true },
    });
  });
});

describe("broken paths, side by side", () => {
  it("a malformed percent-encoding is 400 and escapes that are not UTF-8 are 404, on both", async () => {
    const paths = ["/admin/clients/%E0%A4%A", "/admin/clients/%ZZ", "/admin/keys/%/kid", "/admin/clients/%E0%A4"];
    const answers = await onBoth(async (server) => {
      const statuses: number[] = [];
      for (const path of paths) statuses.push((await fetch(`${server.adminUrl}${path}`)).status);
      return statuses;
    });
    expect(answers.core).toEqual(answers.hydra);
    expect(answers.core).toEqual([400, 400, 400, 404]);
  });
});
