import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openIdentityStore, type IdentityStore } from "@/lib/identity/store";
import { ERROR_SCHEMA, LIST_SCHEMA, PATCH_SCHEMA, USER_SCHEMA } from "./schemas";
import { scimUsers } from "./service";

let dir: string;
let store: IdentityStore;
let ended: string[];
let api: ReturnType<typeof scimUsers>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-scim-"));
  store = await openIdentityStore({ dataDir: dir, databaseUrl: process.env.DATABASE_URL });
});

beforeEach(async () => {
  await store.database.db.deleteFrom("accounts").execute();
  ended = [];
  api = scimUsers({ store, baseUrl: "https://signin.example.com", endSessions: async (subject) => void ended.push(subject) });
});

afterAll(async () => {
  await store.database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const json = (body: unknown, method = "POST") =>
  new Request("https://signin.example.com/scim/v2/Users", { method, body: typeof body === "string" ? body : JSON.stringify(body) });

const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName,
  password: "a long passphrase for tests",
  name: { givenName: "Hanako", familyName: "Yamada" },
  emails: [{ value: `${userName}@example.com`, type: "work", primary: true }],
  ...extra,
});

async function create(userName: string, extra: Record<string, unknown> = {}) {
  const response = await api.create(json(user(userName, extra)));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; meta: { location: string; version: string } } & Record<string, unknown>;
}

const patch = (operations: unknown[]) => json({ schemas: [PATCH_SCHEMA], Operations: operations }, "PATCH");

describe("SCIM Users", () => {
  it("creates, gets and answers 404 for an unknown id", async () => {
    const created = await create("hanako", { externalId: "HR-1", phoneNumbers: [{ value: "+81 3 1234 5678" }], locale: "ja-JP" });
    expect(created).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: "hanako",
      externalId: "HR-1",
      active: true,
      emails: [{ value: "hanako@example.com", primary: true }],
      phoneNumbers: [{ value: "+81 3 1234 5678" }],
      locale: "ja-JP",
      meta: { resourceType: "User", location: `https://signin.example.com/scim/v2/Users/${created.id}` },
    });
    expect(created).not.toHaveProperty("password");
    const got = await api.get(created.id);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(created);

    const missing = await api.get("no-such-id");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: "404" });
  });

  it("lists with a userName filter and pages with startIndex and count", async () => {
    for (const name of ["a1", "a2", "a3", "a4", "a5"]) await create(name);
    const filtered = await api.list(new URLSearchParams({ filter: 'userName eq "A3"' }));
    expect(await filtered.json()).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ userName: "a3" }] });

    const none = await api.list(new URLSearchParams({ filter: 'userName eq "nobody"' }));
    expect(await none.json()).toMatchObject({ totalResults: 0, Resources: [] });

    const page = (await (await api.list(new URLSearchParams({ startIndex: "2", count: "2" }))).json()) as {
      totalResults: number;
      startIndex: number;
      itemsPerPage: number;
      Resources: { userName: string }[];
    };
    expect(page).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    const all = (await (await api.list(new URLSearchParams())).json()) as { Resources: { userName: string }[] };
    expect(all.Resources.map((r) => r.userName).sort()).toEqual(["a1", "a2", "a3", "a4", "a5"]);
    expect(page.Resources.map((r) => r.userName)).toEqual(all.Resources.slice(1, 3).map((r) => r.userName));

    const counted = await (await api.list(new URLSearchParams({ count: "0" }))).json();
    expect(counted).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });

    const byEmail = await (await api.list(new URLSearchParams({ filter: 'emails.value eq "A4@example.com"' }))).json();
    expect(byEmail).toMatchObject({ totalResults: 1, Resources: [{ userName: "a4" }] });
  });

  it("refuses filters it does not understand instead of listing everyone", async () => {
    for (const filter of ['userName sw "a"', 'title eq "x"', 'userName eq "a" or userName eq "b"', "garbage"]) {
      const response = await api.list(new URLSearchParams({ filter }));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ scimType: "invalidFilter" });
    }
    expect((await api.list(new URLSearchParams({ count: "ten" }))).status).toBe(400);
  });

  it("replaces with PUT, clearing what is left out and keeping the password", async () => {
    const created = await create("taro", { displayName: "Taro", phoneNumbers: [{ value: "090-0000-0000" }] });
    const response = await api.replace(created.id, json({ schemas: [USER_SCHEMA], userName: "taro.suzuki", emails: [{ value: "t@example.com" }] }, "PUT"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown> & { meta: { version: string } };
    expect(body).toMatchObject({ userName: "taro.suzuki", emails: [{ value: "t@example.com" }], phoneNumbers: [] });
    expect(body.displayName).toBeUndefined();
    expect(body.meta.version).not.toBe(created.meta.version);
    expect(await store.accounts.verifyPassword("taro.suzuki", "a long passphrase for tests")).toMatchObject({ ok: true });

    await create("jiro");
    const clash = await api.replace(created.id, json(user("JIRO"), "PUT"));
    expect(clash.status).toBe(409);
    expect(await clash.json()).toMatchObject({ scimType: "uniqueness" });
    expect((await api.replace("no-such-id", json(user("x"), "PUT"))).status).toBe(404);
  });

  it("patches attributes, Azure-style paths and boolean strings", async () => {
    const created = await create("ichiro");
    const response = await api.patch(
      created.id,
      patch([
        { op: "Replace", path: "name.givenName", value: "Ichiro" },
        { op: "replace", path: 'emails[type eq "work"].value', value: "ichiro@corp.example" },
        { op: "add", value: { displayName: "Ichiro Y.", "name.familyName": "Yamamoto" } },
        { op: "add", path: "phoneNumbers", value: [{ value: "+81-90-1111-2222", type: "mobile" }] },
      ]),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: { givenName: "Ichiro", familyName: "Yamamoto" },
      displayName: "Ichiro Y.",
      emails: [{ value: "ichiro@corp.example" }],
      phoneNumbers: [{ value: "+81-90-1111-2222" }],
      active: true,
    });

    const removed = await api.patch(created.id, patch([{ op: "remove", path: "displayName" }]));
    expect(await removed.json()).not.toHaveProperty("displayName");
    expect(ended).toEqual([]);
  });

  it("disables with PATCH active=false: sign-in refused and sessions ended once", async () => {
    const created = await create("saburo");
    const disabled = await api.patch(created.id, patch([{ op: "replace", path: "active", value: "False" }]));
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ active: false });
    expect(ended).toEqual([created.id]);
    expect(await store.accounts.verifyPassword("saburo", "a long passphrase for tests")).toEqual({ ok: false, error: "disabled" });

    await api.patch(created.id, patch([{ op: "replace", value: { active: false } }]));
    expect(ended).toEqual([created.id]);
    const enabled = await api.patch(created.id, patch([{ op: "replace", value: { active: true } }]));
    expect(await enabled.json()).toMatchObject({ active: true });
  });

  it("answers malformed bodies with clear 400s and writes nothing", async () => {
    const created = await create("shiro");
    const before = await (await api.get(created.id)).json();
    const cases: [Request, string][] = [
      [patch([{ op: "replace", path: "displayName", value: "Changed" }, { op: "replace", path: "emails", value: [{ value: "not-an-email" }] }]), "invalidValue"],
      [patch([{ op: "replace", path: "displayName", value: "Changed" }, { op: "replace", path: "nonsense", value: 1 }]), "invalidPath"],
      [patch([{ op: "replace", path: "id", value: "mine" }]), "mutability"],
      [patch([{ op: "replace", path: 'emails[type eq "home"]', value: { value: "x@example.com" } }]), "noTarget"],
      [patch([{ op: "replace", path: 'emails[type eq "\\q"].value', value: "x@example.com" }]), "invalidFilter"],
      [patch([{ op: "add", value: { 'emails[type eq "\\u12"].value': "x@example.com" } }]), "invalidFilter"],
      [patch([{ op: "frobnicate", path: "displayName" }]), "invalidSyntax"],
      [json({ Operations: [{ op: "replace", path: "displayName", value: "x" }] }, "PATCH"), "invalidSyntax"],
      [json("{not json", "PATCH"), "invalidSyntax"],
      [patch([{ op: "replace", path: "userName", value: "" }]), "invalidValue"],
      [patch([{ op: "remove", path: "userName" }]), "invalidValue"],
      [patch([{ op: "replace", path: "password", value: "password" }]), "invalidValue"],
    ];
    for (const [request, scimType] of cases) {
      const response = await api.patch(created.id, request);
      expect(response.status, scimType).toBe(400);
      const body = (await response.json()) as { detail: string };
      expect(body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "400", scimType });
      expect(body.detail.length).toBeGreaterThan(0);
    }
    expect((await api.replace(created.id, json("[]", "PUT"))).status).toBe(400);
    expect((await api.create(json({ ...user("x"), active: "yes" }))).status).toBe(400);
    expect(await (await api.get(created.id)).json()).toEqual(before);
  });

  it("refuses the account's own name or address as its password on create, replace and patch", async () => {
    const own = "rokuro.tanaka";
    const refused = await api.create(json(user(own, { password: own })));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ scimType: "invalidValue", detail: expect.stringContaining("password") });
    expect(await store.accounts.findByUserName(own)).toBeUndefined();

    const created = await create(own);
    const attempts = [
      () => api.replace(created.id, json(user(own, { password: `${own}@example.com` }), "PUT")),
      () => api.patch(created.id, patch([{ op: "replace", path: "password", value: own.toUpperCase() }])),
      () => api.patch(created.id, patch([{ op: "replace", value: { password: `${own}@example.com` } }])),
      // The new name and the password together: the check sees the User the PATCH makes.
      () => api.patch(created.id, patch([{ op: "replace", path: "userName", value: "rokuro.t" }, { op: "replace", path: "password", value: "rokuro.t" }])),
    ];
    for (const attempt of attempts) {
      const response = await attempt();
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ scimType: "invalidValue", detail: expect.stringContaining("password") });
    }
    expect(await store.accounts.verifyPassword(own, "a long passphrase for tests")).toMatchObject({ ok: true });
    expect((await api.patch(created.id, patch([{ op: "replace", path: "password", value: "another long passphrase" }]))).status).toBe(200);
  });

  it("deletes: the account is gone and its sessions ended", async () => {
    const created = await create("goro");
    const response = await api.remove(created.id);
    expect(response.status).toBe(204);
    expect(ended).toEqual([created.id]);
    expect((await api.get(created.id)).status).toBe(404);
    expect((await api.remove(created.id)).status).toBe(404);
    expect(await store.accounts.verifyPassword("goro", "a long passphrase for tests")).toEqual({ ok: false, error: "invalid_credentials" });
  });
});
