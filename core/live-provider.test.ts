import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Provider, { type JWK } from "oidc-provider";
import { afterEach, expect, it } from "vitest";
import { openCoreStore, type CoreStore } from "./db/store";
import { addKeys, ID_TOKEN_SET } from "./keys";
import { InvalidSigningKeys, LiveProvider } from "./live-provider";
import { resetStorage, tempDir } from "./testing/harness";

// Two core processes on one database: a rotation made through one reaches the other's provider
// when it refreshes; a change oidc-provider cannot take leaves both the set and the provider as
// they were.

const ISSUER = "http://127.0.0.1:1";
const build = (keys: JWK[]) => new Provider(ISSUER, { jwks: { keys } });
const stores: CoreStore[] = [];
let dir: string | undefined;

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The kids the provider publishes (oidc-provider's default jwks route). */
async function jwksOf(live: LiveProvider): Promise<string[]> {
  const server = http.createServer(live.listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    const body = (await (await fetch(`http://127.0.0.1:${port}/jwks`)).json()) as { keys: Array<{ kid: string }> };
    return body.keys.map((key) => key.kid);
  } finally {
    server.close();
  }
}

it("reaches another process's provider on refresh, and refuses a set it cannot sign with", async () => {
  dir = tempDir();
  const open = async () => {
    const store = await openCoreStore({ sqliteFile: path.join(dir ?? "", "core.db") });
    stores.push(store);
    return store;
  };
  const [one, two] = [await open(), await open()];
  const first = await LiveProvider.open(one.db, one.engine, build);
  const second = await LiveProvider.open(two.db, two.engine, build);
  const before = await jwksOf(second);

  const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });
  const key = { ...ec, kid: "from-first", alg: "ES256", use: "sig" } as JWK & { kid: string };
  await first.change((db) => addKeys(db, ID_TOKEN_SET, [key]));
  expect(await jwksOf(first)).toContain("from-first");
  expect(await jwksOf(second)).toEqual(before);
  const old = second.provider;
  await second.refresh();
  expect(second.provider).not.toBe(old);
  expect(await jwksOf(second)).toContain("from-first");

  const current = first.provider;
  const publicOnly = { kty: "EC", crv: "P-256", x: key.x, y: key.y, kid: "public-only", alg: "ES256", use: "sig" } as JWK & { kid: string };
  await expect(first.change((db) => addKeys(db, ID_TOKEN_SET, [publicOnly]))).rejects.toBeInstanceOf(InvalidSigningKeys);
  expect(first.provider).toBe(current);
  expect(await jwksOf(first)).not.toContain("public-only");
  await second.refresh();
  expect(await jwksOf(second)).not.toContain("public-only");
});

// Cores started together on a fresh PostgreSQL database (several instances share one; SQLite is
// one machine's): each makes sure the set has its default keys. Had both added theirs, each would
// publish only the keys it saw, and an ID token signed by one would not verify with the other's
// jwks.json.
it.runIf(process.env.DATABASE_URL)("publishes the same keys from every core opened at once on one PostgreSQL database", async () => {
  const storage = { databaseUrl: process.env.DATABASE_URL, databaseSchema: "tobira_test_live_provider" };
  await resetStorage(storage);
  const opened = await Promise.all([0, 1, 2].map(() => openCoreStore({ sqliteFile: "unused", databaseUrl: storage.databaseUrl, schema: storage.databaseSchema })));
  stores.push(...opened);
  const cores = await Promise.all(opened.map((store) => LiveProvider.open(store.db, store.engine, build)));
  const published = await Promise.all(cores.map(jwksOf));
  expect(published[0]).toHaveLength(2);
  for (const kids of published) expect([...kids].sort()).toEqual([...(published[0] ?? [])].sort());
  for (const store of stores.splice(0)) await store.close();
  await resetStorage(storage);
});
