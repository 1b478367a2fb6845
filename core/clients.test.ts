import fs from "node:fs";
import * as oidc from "openid-client";
import { describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { admin, Browser, createClient, resetStorage, rpConfig, startAuthorization, startTestCore, storageCases, tempDir, withTestCore } from "./testing/harness";

// /admin/clients in Hydra's OAuth2Client JSON; changes apply to the next request.

let core: RunningCore;
withTestCore((started) => (core = started));

describe("admin clients API", () => {
  it("creates a client with Hydra's defaults, returning the secret only once", async () => {
    const created = await admin(core, "POST", "/admin/clients", {
      client_id: "shop",
      client_name: "Shop",
      "client_name#ja": "ショップ",
      redirect_uris: ["https://shop.example/cb"],
      metadata: { brand: "shop", tags: ["a"] },
      audience: ["https://api.example"],
      skip_consent: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      client_id: "shop",
      client_secret: expect.any(String),
      client_name: "Shop",
      "client_name#ja": "ショップ",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      scope: "offline_access offline openid",
      token_endpoint_auth_method: "client_secret_basic",
      metadata: { brand: "shop", tags: ["a"] },
      audience: ["https://api.example"],
      skip_consent: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });

    const fetched = await admin(core, "GET", "/admin/clients/shop");
    expect(fetched.body).toMatchObject({ client_id: "shop", metadata: { brand: "shop" }, "client_name#ja": "ショップ" });
    expect(fetched.body).not.toHaveProperty("client_secret");

    const duplicate = await admin(core, "POST", "/admin/clients", { client_id: "shop", redirect_uris: ["https://shop.example/cb"] });
    expect(duplicate.status).toBe(409);
  });

  it("rejects invalid metadata with Hydra's 400 body", async () => {
    const bad = await admin(core, "POST", "/admin/clients", { redirect_uris: ["not a url"] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: "invalid_request", status_code: 400 });
    const implicitHttp = await admin(core, "POST", "/admin/clients", {
      grant_types: ["implicit"],
      response_types: ["id_token"],
      redirect_uris: ["http://insecure.example/cb"],
    });
    expect(implicitHttp.status).toBe(400);
    expect(implicitHttp.body.error_description).toEqual(expect.any(String));
  });

  it("lists clients with a Link header", async () => {
    await createClient(core);
    await createClient(core);
    const first = await admin<Array<{ client_id: string }>>(core, "GET", "/admin/clients?page_size=1");
    expect(first.body).toHaveLength(1);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1] ?? "";
    const url = new URL(next);
    const second = await admin<Array<{ client_id: string }>>(core, "GET", url.pathname + url.search);
    expect(second.body[0]?.client_id).not.toBe(first.body[0]?.client_id);
  });

  it("applies an update and a deletion to the very next authorization request", async () => {
    const client = await createClient(core);
    const config = await rpConfig(core, client);
    const replaced = await admin(core, "PUT", `/admin/clients/${client.client_id}`, {
      client_name: "Renamed",
      redirect_uris: ["http://rp.test/other"],
      grant_types: ["authorization_code", "refresh_token"],
      scope: "openid offline_access",
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ client_name: "Renamed" });
    expect(replaced.body).not.toHaveProperty("client_secret");

    const oldRedirect = await startAuthorization(new Browser(), core, config, { scope: "openid" });
    expect(oldRedirect.landed.href).toMatch(/^http:\/\/ui\.test\/error\?/);
    expect(oldRedirect.landed.searchParams.get("error")).toBe("invalid_redirect_uri");

    // The secret kept across the PUT still authenticates the client.
    const introspection = await oidc.tokenIntrospection(config, "not-a-token");
    expect(introspection.active).toBe(false);

    expect((await admin(core, "DELETE", `/admin/clients/${client.client_id}`)).status).toBe(204);
    expect((await admin(core, "GET", `/admin/clients/${client.client_id}`)).status).toBe(404);
    await expect(oidc.tokenIntrospection(config, "not-a-token")).rejects.toMatchObject({ error: "invalid_client" });
  });

  it("answers the health checks", async () => {
    expect((await admin(core, "GET", "/health/alive")).body).toEqual({ status: "ok" });
    expect((await admin(core, "GET", "/health/ready")).body).toEqual({ status: "ok" });
    expect((await admin(core, "GET", "/admin/nothing")).status).toBe(404);
  });

  it("returns every Hydra v2.3 field with Hydra's defaults, and takes the whole object back on PUT", async () => {
    const client = await createClient(core, { client_name: "Defaults" });
    const fetched = await admin(core, "GET", `/admin/clients/${client.client_id}`);
    // Hydra v2.3.0 client/.snapshots (fetching_existing_client): the fields and their defaults.
    expect(fetched.body).toMatchObject({
      allowed_cors_origins: [],
      client_secret_expires_at: 0,
      subject_type: "public",
      jwks: {},
      userinfo_signed_response_alg: "none",
      skip_consent: false,
      skip_logout_consent: null,
      authorization_code_grant_access_token_lifespan: null,
      authorization_code_grant_id_token_lifespan: null,
      authorization_code_grant_refresh_token_lifespan: null,
      client_credentials_grant_access_token_lifespan: null,
      implicit_grant_access_token_lifespan: null,
      implicit_grant_id_token_lifespan: null,
      jwt_bearer_grant_access_token_lifespan: null,
      refresh_token_grant_id_token_lifespan: null,
      refresh_token_grant_access_token_lifespan: null,
      refresh_token_grant_refresh_token_lifespan: null,
    });
    expect(fetched.body).not.toHaveProperty("jwks_uri");
    const back = await admin(core, "PUT", `/admin/clients/${client.client_id}`, {
      ...fetched.body,
      registration_client_uri: "http://elsewhere.example/oauth2/register/x",
      skip_logout_consent: true,
    });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ client_name: "Defaults", skip_logout_consent: true });
  });

  it.each([
    ["allowed_cors_origins", ["https://spa.example"]],
    ["request_uris", ["https://rp.example/request.jwt"]],
    ["jwt_bearer_grant_access_token_lifespan", "1h"],
    ["access_token_strategy", "jwt"],
  ])("refuses %s with a 400 naming it, and accepts it empty", async (field, value) => {
    const refused = await admin(core, "POST", "/admin/clients", { redirect_uris: ["https://rp.example/cb"], [field]: value });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "invalid_client_metadata", status_code: 400 });
    expect(String(refused.body.error_description)).toContain(field);
    const empty = Array.isArray(value) ? [] : typeof value === "boolean" ? false : null;
    expect((await admin(core, "POST", "/admin/clients", { redirect_uris: ["https://rp.example/cb"], [field]: empty })).status).toBe(201);
  });

  it("patches a client with RFC 6902 operations and refuses patches that do not apply", async () => {
    const client = await createClient(core, { client_name: "Before", metadata: { tier: "free" } });
    const path = `/admin/clients/${client.client_id}`;
    const patched = await admin(core, "PATCH", path, [
      { op: "replace", path: "/client_name", value: "After" },
      { op: "add", path: "/redirect_uris/-", value: "http://rp.test/second" },
      { op: "add", path: "/metadata/plan", value: "gold" },
      { op: "remove", path: "/metadata/tier" },
      { op: "replace", path: "/authorization_code_grant_access_token_lifespan", value: "90m" },
    ]);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      client_name: "After",
      redirect_uris: ["http://rp.test/callback", "http://rp.test/second"],
      metadata: { plan: "gold" },
      authorization_code_grant_access_token_lifespan: "1h30m0s",
    });
    expect(patched.body).not.toHaveProperty("client_secret");
    expect((await admin(core, "GET", path)).body).toMatchObject({ client_name: "After", metadata: { plan: "gold" } });

    const bad = [
      { op: "replace", path: "/client_name" },
      [{ op: "test", path: "/client_name", value: "Before" }],
      [{ op: "replace", path: "/no/such/field", value: 1 }],
      [{ op: "replace", path: "/client_id", value: "other" }],
      [{ op: "add", path: "/allowed_cors_origins/-", value: "https://spa.example" }],
    ];
    for (const patch of bad) {
      const res = await admin(core, "PATCH", path, patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
    }
    expect((await admin(core, "GET", path)).body).toMatchObject({ client_name: "After", allowed_cors_origins: [] });
  });

  it("sets the lifespans in Hydra's duration format, all at once", async () => {
    const client = await createClient(core, { refresh_token_grant_id_token_lifespan: "2h" });
    const res = await admin(core, "PUT", `/admin/clients/${client.client_id}/lifespans`, {
      authorization_code_grant_access_token_lifespan: "31h",
      client_credentials_grant_access_token_lifespan: "45s",
      implicit_grant_id_token_lifespan: "",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      authorization_code_grant_access_token_lifespan: "31h0m0s",
      client_credentials_grant_access_token_lifespan: "45s",
      implicit_grant_id_token_lifespan: null,
      refresh_token_grant_id_token_lifespan: null,
    });
    const bad = await admin(core, "PUT", `/admin/clients/${client.client_id}/lifespans`, { refresh_token_grant_access_token_lifespan: "soon" });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error_description)).toContain("refresh_token_grant_access_token_lifespan");
  });

  it("filters the list by client_name and owner before the page is cut", async () => {
    const owner = `owner-${Date.now()}`;
    for (let i = 0; i < 3; i++) await createClient(core, { owner, client_name: `Filtered ${owner}` });
    // Ids that sort before every other client's: a filter applied after the limit sees only these.
    for (let i = 0; i < 3; i++) await createClient(core, { client_id: `!${owner}-${i}`, owner: "someone-else" });
    const byOwner = await admin<Array<{ owner: string }>>(core, "GET", `/admin/clients?owner=${owner}&page_size=2`);
    expect(byOwner.body).toHaveLength(2);
    expect(byOwner.body.every((c) => c.owner === owner)).toBe(true);
    const next = new URL(/<([^>]+)>; rel="next"/.exec(byOwner.headers.get("link") ?? "")?.[1] ?? "http://x/");
    const rest = await admin<Array<{ owner: string }>>(core, "GET", next.pathname + next.search);
    expect(rest.body).toHaveLength(1);
    expect(rest.headers.get("link")).not.toContain('rel="next"');
    const byName = await admin<unknown[]>(core, "GET", `/admin/clients?client_name=${encodeURIComponent(`Filtered ${owner}`)}&page_size=500`);
    expect(byName.body).toHaveLength(3);
  });
});

describe.each(storageCases("tobira_core_test_client_race"))("creates racing for one client_id on %s", (_name, storage) => {
  it.runIf(storage !== undefined)("are one 201 and 409s, never a 500", async () => {
    // Found by e2e/hostile-input.spec.ts: each create passed the existence check before any had
    // inserted, and the losers hit the primary key (a 500).
    await resetStorage(storage);
    const dir = tempDir();
    const racing = await startTestCore(dir, storage);
    try {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => admin(racing, "POST", "/admin/clients", { client_id: "racing", redirect_uris: ["https://racing.example/cb"] })),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    } finally {
      await racing.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
