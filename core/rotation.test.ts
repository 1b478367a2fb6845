import crypto from "node:crypto";
import fs from "node:fs";
import * as oidc from "openid-client";
import { afterAll, describe, expect, it } from "vitest";
import { keyRing } from "../common/key-ring";
import { openSecret } from "./client-secrets";
import { configFromEnv, secretRingOf } from "./config";
import { openCoreStore } from "./db/store";
import type { RunningCore } from "./index";
import { defaultPairwiseSalt } from "./keys";
import { admin, Browser, challengeOf, createClient, RP, rpConfig, signIn, startAuthorization, startTestCore, tempDir, TEST_SECRET } from "./testing/harness";

// TOBIRA_SECRET changes, the old one kept in TOBIRA_SECRET_PREVIOUS: pairwise subjects stay what
// the clients know, client_secret_jwt secrets still open and are sealed again, and dropping the
// old secret afterwards changes nothing. A salt no secret of the ring opens stops the start.

const NEW = "the-new-core-secret-that-is-long-enough-99";
const dataDir = tempDir();
const running: RunningCore[] = [];
afterAll(async () => {
  await Promise.all(running.map((core) => core.close()));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

let port = 0;
/** The same data and, after the first start, the same issuer and port (the browser's cookies stay theirs). */
async function start(secret: string, previous: string[] = []): Promise<RunningCore> {
  const core = await startTestCore(dataDir, { secret, secretPrevious: previous, ...(port ? { publicPort: port, issuer: `http://127.0.0.1:${port}` } : {}) });
  port = Number(new URL(core.issuer).port);
  running.push(core);
  return core;
}

async function stop(core: RunningCore) {
  running.splice(running.indexOf(core), 1);
  await core.close();
}

async function sealedSecretOf(clientId: string): Promise<string> {
  const store = await openCoreStore({ sqliteFile: `${dataDir}/core.db` });
  try {
    const row = await store.db.selectFrom("oidc_clients").select("secret_sealed").where("client_id", "=", clientId).executeTakeFirstOrThrow();
    return row.secret_sealed ?? "";
  } finally {
    await store.close();
  }
}

const machineClient = { grant_types: ["client_credentials"], response_types: [], redirect_uris: [], post_logout_redirect_uris: [], scope: "api:read", token_endpoint_auth_method: "client_secret_jwt" };

const tokenWith = async (core: RunningCore, clientId: string, secret: string) =>
  (await oidc.clientCredentialsGrant(await oidc.discovery(new URL(core.issuer), clientId, undefined, oidc.ClientSecretJwt(secret), { execute: [oidc.allowInsecureRequests] }), { scope: "api:read" })).access_token;

/** Sealed by core/client-secrets.ts before the key ring (`a256gcm$…`), client "client-1", with this secret. */
const LEGACY_SECRET = "a-test-secret-that-is-long-enough-0123456789";
const LEGACY_SEALED = "a256gcm$X1paZaDzrG2uaNJ6$DBvvxDhmGt8RqByrjy87Duw$eD2TYcPShjgV8LZh7RhgOg";

describe("TOBIRA_SECRET_PREVIOUS", () => {
  it("is read like the UI reads it, each secret at least 32 characters", () => {
    const config = configFromEnv({ TOBIRA_SECRET: NEW, TOBIRA_SECRET_PREVIOUS: ` ${TEST_SECRET} ,${LEGACY_SECRET}` });
    expect(secretRingOf(config)).toEqual({ current: NEW, previous: [TEST_SECRET, LEGACY_SECRET] });
    expect(configFromEnv({ TOBIRA_SECRET: NEW }).secretPrevious).toEqual([]);
    expect(() => configFromEnv({ TOBIRA_SECRET: NEW, TOBIRA_SECRET_PREVIOUS: "short" })).toThrow(/TOBIRA_SECRET_PREVIOUS/);
  });
});

describe("client secrets sealed before the key ring", () => {
  it("open with any secret of the ring, and only for their client", () => {
    expect(openSecret(keyRing(LEGACY_SECRET), "client-1", LEGACY_SEALED)).toEqual({ secret: "the-client-secret", stale: true });
    expect(openSecret(keyRing(NEW, [LEGACY_SECRET]), "client-1", LEGACY_SEALED)).toEqual({ secret: "the-client-secret", stale: true });
    expect(openSecret(keyRing(NEW), "client-1", LEGACY_SEALED)).toBeUndefined();
    expect(openSecret(keyRing(LEGACY_SECRET), "client-2", LEGACY_SEALED)).toBeUndefined();
  });
});

describe("a core whose TOBIRA_SECRET changes", () => {
  it("keeps sessions, pairwise subjects and client_secret_jwt clients working, and needs the old secret no more once it has started", async () => {
    let core = await start(TEST_SECRET);
    const shop = await createClient(core, { subject_type: "pairwise" });
    const machine = await createClient(core, machineClient);
    const browser = new Browser();
    const sub = (await signIn(browser, core, await rpConfig(core, shop), "alice")).claims()?.sub;
    expect(sub).toBe(crypto.createHash("sha256").update(`${new URL(RP).host}alice${defaultPairwiseSalt(TEST_SECRET)}`).digest("hex"));
    const sealedBefore = await sealedSecretOf(machine.client_id);
    await stop(core);

    core = await start(NEW, [TEST_SECRET]);
    // The session cookie the old secret signed still names the person: no new sign-in needed.
    const again = await startAuthorization(browser, core, await rpConfig(core, shop));
    const login = await admin(core, "GET", `/admin/oauth2/auth/requests/login?login_challenge=${challengeOf(again.landed, "login_challenge")}`);
    expect(login.body).toMatchObject({ skip: true, subject: "alice" });
    expect((await signIn(new Browser(), core, await rpConfig(core, shop), "alice")).claims()?.sub).toBe(sub);
    expect(await tokenWith(core, machine.client_id, machine.client_secret)).toEqual(expect.any(String));
    expect(await sealedSecretOf(machine.client_id)).not.toBe(sealedBefore);
    await stop(core);

    core = await start(NEW);
    expect((await signIn(new Browser(), core, await rpConfig(core, shop), "alice")).claims()?.sub).toBe(sub);
    expect(await tokenWith(core, machine.client_id, machine.client_secret)).toEqual(expect.any(String));
    await stop(core);

    // A secret that none of the store's sealed values knows: the core says so and does not start.
    await expect(start("a-secret-unrelated-to-this-store-000000000")).rejects.toThrow(/pairwise salt[\s\S]*TOBIRA_SECRET_PREVIOUS/);
  });
});
