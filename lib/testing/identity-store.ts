import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { keyRing } from "@/common/key-ring";
import { factorsIn, type Factors } from "@/lib/factors/store";
import { openIdentityStore, type IdentityStore } from "@/lib/identity/store";

// A test file's own identity store (a temporary SQLite file, or PostgreSQL when DATABASE_URL is
// set), with the second factors on it, and a helper that makes accounts.

export const TEST_SECRET = "a-test-secret-that-is-long-enough-0123456789";
export const TEST_RING = keyRing(TEST_SECRET);

export interface TestStore {
  store: IdentityStore;
  factors: Factors;
  newAccount(prefix?: string): Promise<string>;
}

export function withIdentityStore(): TestStore {
  let dir = "";
  const handle = {} as TestStore;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-store-"));
    handle.store = await openIdentityStore({ dataDir: dir, databaseUrl: process.env.DATABASE_URL });
    handle.factors = factorsIn(handle.store.database.db, TEST_RING, handle.store.database.engine);
  });
  afterAll(async () => {
    await handle.store?.database.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  handle.newAccount = async (prefix = "test") => {
    const created = await handle.store.accounts.create({ userName: `${prefix}-${crypto.randomUUID()}`, password: "pw" });
    if (!created.ok) throw new Error("create failed");
    return created.account.id;
  };
  return handle;
}
