import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { nowSeconds } from "../../common/db/connect";
import { keyRing } from "../../common/key-ring";
import { ClientRepository, normalizeClient } from "../clients";
import { tempDir } from "../testing/harness";
import { AlreadyConsumed, createAdapterFactory, findInteraction, grantIdsOf, sessionIdsOf } from "./adapter";
import { openCoreStore, type CoreStore } from "./store";

// oidc-provider's adapter contract on both engines: SQLite always, PostgreSQL when DATABASE_URL
// is set (schema tobira_core_test, dropped first).

const PG_SCHEMA = "tobira_core_test";
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function openSqlite(): Promise<CoreStore> {
  const dir = tempDir();
  dirs.push(dir);
  return openCoreStore({ sqliteFile: path.join(dir, "core.db") });
}

async function openPostgres(): Promise<CoreStore> {
  const url = process.env.DATABASE_URL ?? "";
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
  await client.end();
  return openCoreStore({ databaseUrl: url, sqliteFile: "unused", schema: PG_SCHEMA });
}

const engines: Array<[string, () => Promise<CoreStore>, boolean]> = [
  ["sqlite", openSqlite, true],
  ["postgres", openPostgres, Boolean(process.env.DATABASE_URL)],
];

describe.each(engines)("SQL adapter on %s", (_name, open, enabled) => {
  it.runIf(enabled)("stores, finds, consumes, expires and revokes payloads", async () => {
    const store = await open();
    try {
      const adapter = createAdapterFactory(store.db, async () => undefined);
      const tokens = adapter("AccessToken");
      const sessions = adapter("Session");
      const codes = adapter("AuthorizationCode");

      await tokens.upsert("at-1", { jti: "at-1", kind: "AccessToken", grantId: "g-1", accountId: "alice", clientId: "c-1" }, 60);
      await tokens.upsert("at-2", { jti: "at-2", kind: "AccessToken", grantId: "g-2", accountId: "alice", clientId: "c-1" }, 60);
      expect(await tokens.find("at-1")).toMatchObject({ grantId: "g-1", accountId: "alice" });
      expect(await tokens.find("missing")).toBeUndefined();
      expect(await adapter("RefreshToken").find("at-1")).toBeUndefined();

      await codes.upsert("code-1", { jti: "code-1", kind: "AuthorizationCode", grantId: "g-1" }, 60);
      await codes.consume("code-1");
      expect((await codes.find("code-1"))?.consumed).toEqual(expect.any(Number));

      await tokens.revokeByGrantId("g-1");
      expect(await tokens.find("at-1")).toBeUndefined();
      expect(await tokens.find("at-2")).toBeDefined();

      await sessions.upsert("s-1", { jti: "s-1", kind: "Session", uid: "uid-1", accountId: "alice" }, 60);
      expect(await sessions.findByUid("uid-1")).toMatchObject({ jti: "s-1" });
      expect(await sessionIdsOf(store.db, "alice")).toEqual(["s-1"]);
      await sessions.destroy("s-1");
      expect(await sessions.findByUid("uid-1")).toBeUndefined();

      await adapter("DeviceCode").upsert("dc-1", { jti: "dc-1", kind: "DeviceCode", userCode: "ABCD-EFGH" }, 60);
      expect(await adapter("DeviceCode").findByUserCode("ABCD-EFGH")).toMatchObject({ jti: "dc-1" });

      await tokens.upsert("old", { jti: "old", kind: "AccessToken" }, 60);
      await store.db.updateTable("oidc_payloads").set({ expires_at: nowSeconds() - 1 }).where("id", "=", "old").execute();
      expect(await tokens.find("old")).toBeUndefined();

      const grants = adapter("Grant");
      await grants.upsert("g-a", { jti: "g-a", kind: "Grant", accountId: "bob", clientId: "c-1" }, 60);
      await grants.upsert("g-b", { jti: "g-b", kind: "Grant", accountId: "bob", clientId: "c-2" }, 60);
      expect((await grantIdsOf(store.db, "bob")).sort()).toEqual(["g-a", "g-b"]);
      expect(await grantIdsOf(store.db, "bob", "c-2")).toEqual(["g-b"]);
    } finally {
      await store.close();
    }
  });

  it.runIf(enabled)("lets exactly one of many concurrent consumes of a code, refresh token or device code succeed", async () => {
    const store = await open();
    try {
      const adapter = createAdapterFactory(store.db, async () => undefined);
      for (const kind of ["AuthorizationCode", "RefreshToken", "DeviceCode"]) {
        const tokens = adapter(kind);
        await tokens.upsert("once", { jti: "once", kind, grantId: "g-once" }, 60);
        const results = await Promise.allSettled(Array.from({ length: 10 }, () => tokens.consume("once")));
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(AlreadyConsumed);
        await expect(tokens.consume("once")).rejects.toBeInstanceOf(AlreadyConsumed);
        await expect(tokens.consume("revoked-meanwhile")).rejects.toBeInstanceOf(AlreadyConsumed);
      }
    } finally {
      await store.close();
    }
  });

  it.runIf(enabled)("keeps a used interaction visible to the admin API (410) but not to the provider", async () => {
    const store = await open();
    try {
      const interactions = createAdapterFactory(store.db, async () => undefined)("Interaction");
      await interactions.upsert("i-1", { jti: "i-1", kind: "Interaction", returnTo: "http://core/resume" }, 60);
      await interactions.destroy("i-1");
      await interactions.destroy("i-1");
      expect(await interactions.find("i-1")).toBeUndefined();
      expect(await findInteraction(store.db, "i-1")).toMatchObject({ destroyed: true, payload: { returnTo: "http://core/resume" } });
      expect(await findInteraction(store.db, "i-2")).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it.runIf(enabled)("keeps Hydra client JSON verbatim, metadata and language-tagged names included", async () => {
    const store = await open();
    try {
      const clients = new ClientRepository(store.db, keyRing("adapter-test-secret-that-is-long-enough-00"));
      const raw = { client_name: "Shop", "client_name#ja": "ショップ", metadata: { brand: "shop", nested: { a: [1, 2] } } };
      await clients.insert(normalizeClient(raw, raw, "c-json"), { hash: "scrypt$x$y", sealed: null });
      expect(await clients.get("c-json")).toMatchObject(raw);
      expect(await clients.providerMetadata("c-json")).toMatchObject({ client_id: "c-json", client_name: "Shop", client_secret: "scrypt$x$y" });
      expect(await clients.providerMetadata("c-json")).not.toHaveProperty("metadata");
    } finally {
      await store.close();
    }
  });
});
