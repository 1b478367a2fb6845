import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../common/db/connect";
import { resetStorage, storageCases, tempDir } from "../testing/harness";
import { migrations, type CoreDB } from "./schema";

// A core that ran before key sets existed keeps its signing keys: they become the ID token set.

const SCHEMA = "tobira_core_test_schema";
const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "0006"));

describe.each(storageCases(SCHEMA))("migrating signing keys to key sets on %s", (_name, storage) => {
  it.runIf(storage !== undefined)("keeps every key, in the hydra.openid.id-token set, with a millisecond creation time", async () => {
    await resetStorage(storage);
    const dir = tempDir();
    const options = { databaseUrl: storage?.databaseUrl, sqliteFile: path.join(dir, "core.db"), schema: SCHEMA };
    try {
      const old = await openDatabase<unknown>({ ...options, migrations: before });
      await sql`insert into signing_keys (kid, alg, jwk, created_at) values ('old-kid', 'RS256', '{"kty":"RSA"}', 1700000000)`.execute(old.db);
      await old.close();

      const current = await openDatabase<CoreDB>({ ...options, migrations });
      const rows = await current.db.selectFrom("signing_keys").selectAll().execute();
      await current.close();
      expect(rows.map((row) => ({ ...row, created_at: Number(row.created_at), created_at_ms: Number(row.created_at_ms) }))).toEqual([
        { set_id: "hydra.openid.id-token", kid: "old-kid", alg: "RS256", jwk: '{"kty":"RSA"}', created_at: 1700000000, created_at_ms: 1700000000000 },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
