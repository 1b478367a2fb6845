import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { openDatabase } from "./connect";

interface TestDB {
  notes: { id: string; body: string };
}

const migrations = {
  "0001_notes": {
    up: async (db: Kysely<unknown>) => {
      await db.schema.createTable("notes").addColumn("id", "text", (c) => c.primaryKey()).addColumn("body", "text", (c) => c.notNull()).execute();
    },
  },
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function roundTrip(databaseUrl: string | undefined, file: string) {
  const first = await openDatabase<TestDB>({ databaseUrl, sqliteFile: file, schema: "tobira_test_connect", migrations });
  await first.db.deleteFrom("notes").execute();
  await first.db.insertInto("notes").values({ id: "a", body: "kept" }).execute();
  await first.close();
  // Reopening runs the migrations again: they must be recorded, and the data must survive.
  const second = await openDatabase<TestDB>({ databaseUrl, sqliteFile: file, schema: "tobira_test_connect", migrations });
  const rows = await second.db.selectFrom("notes").selectAll().execute();
  await second.close();
  return rows;
}

describe("openDatabase", () => {
  it("keeps data across a reopen of the embedded file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-db-"));
    dirs.push(dir);
    expect(await roundTrip(undefined, path.join(dir, "nested", "t.db"))).toEqual([{ id: "a", body: "kept" }]);
  });

  it.runIf(process.env.DATABASE_URL)("keeps data across a reopen on PostgreSQL", async () => {
    expect(await roundTrip(process.env.DATABASE_URL, "unused")).toEqual([{ id: "a", body: "kept" }]);
  });

  // Instances started together on a fresh database (a deployment of several) each create the
  // schema and migrate it: every one of them must start. A race loses only now and then, so the
  // start is repeated on fresh schemas.
  it.runIf(process.env.DATABASE_URL)("opens a fresh PostgreSQL schema from several instances at once", async () => {
    const databaseUrl = process.env.DATABASE_URL;
    for (let round = 0; round < 10; round++) {
      const schema = `tobira_test_fresh_${process.pid}_${round}`;
      const open = () => openDatabase<TestDB>({ databaseUrl, sqliteFile: "unused", schema, migrations });
      const opened = await Promise.allSettled(Array.from({ length: 4 }, open));
      const started = opened.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
      try {
        expect(opened.filter((result) => result.status === "rejected")).toEqual([]);
        await started[0]?.db.insertInto("notes").values({ id: "a", body: "once" }).execute();
        expect(await started[1]?.db.selectFrom("notes").selectAll().execute()).toEqual([{ id: "a", body: "once" }]);
      } finally {
        await started[0]?.db.schema.dropSchema(schema).cascade().execute();
        await Promise.all(started.map((database) => database.close()));
      }
    }
  });
});

async function atomicity(databaseUrl: string | undefined, file: string) {
  const opened = await openDatabase<TestDB>({ databaseUrl, sqliteFile: file, schema: "tobira_test_atomic", migrations });
  const { db, atomic } = opened;
  const ids = async () => (await db.selectFrom("notes").select("id").orderBy("id").execute()).map((row) => row.id);
  try {
    await db.deleteFrom("notes").execute();
    // Writes made through `db` itself, by code that knows nothing of the transaction, are part of
    // it: a failure after them leaves none; Kysely's own transaction inside joins it.
    await expect(
      atomic(async () => {
        await db.insertInto("notes").values({ id: "a", body: "first" }).execute();
        await db.transaction().execute((tx) => tx.insertInto("notes").values({ id: "b", body: "nested" }).execute());
        await Promise.all([db.insertInto("notes").values({ id: "c", body: "parallel" }).execute(), db.selectFrom("notes").selectAll().execute()]);
        throw new Error("crash half-way");
      }),
    ).rejects.toThrow("crash half-way");
    expect(await ids()).toEqual([]);

    await atomic(async () => {
      await db.insertInto("notes").values({ id: "a", body: "first" }).execute();
      await atomic(() => db.insertInto("notes").values({ id: "b", body: "inner" }).execute());
    });
    expect(await ids()).toEqual(["a", "b"]);
    // Other work goes on meanwhile, and is not part of it.
    await Promise.all([atomic(() => db.insertInto("notes").values({ id: "c", body: "x" }).execute()), db.insertInto("notes").values({ id: "d", body: "y" }).execute()]);
    expect(await ids()).toEqual(["a", "b", "c", "d"]);
  } finally {
    await opened.close();
  }
}

describe("atomic", () => {
  it("keeps all of its writes or none on the embedded file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-db-"));
    dirs.push(dir);
    await atomicity(undefined, path.join(dir, "a.db"));
  });

  it.runIf(process.env.DATABASE_URL)("keeps all of its writes or none on PostgreSQL", async () => {
    await atomicity(process.env.DATABASE_URL, "unused");
  });
});
