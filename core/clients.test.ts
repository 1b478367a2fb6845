import * as oidc from "openid-client";
import { describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { admin, Browser, createClient, rpConfig, startAuthorization, withTestCore } from "./testing/harness";

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
});
