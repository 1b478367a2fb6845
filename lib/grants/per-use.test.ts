import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openIdentityStore, type IdentityStore } from "@/lib/identity/store";
import { perUseGrantsIn, type PerUseGrants } from "./per-use";

// On SQLite, and on PostgreSQL when DATABASE_URL is set.

let dir: string;
let store: IdentityStore;
let grants: PerUseGrants;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-per-use-"));
  store = await openIdentityStore({ dataDir: dir, databaseUrl: process.env.DATABASE_URL });
  grants = perUseGrantsIn(store.database.db);
});

afterAll(async () => {
  await store.database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const t0 = Date.parse("2026-06-01T00:00:00Z");
const payment = { grantScope: ["openid", "payments", "offline_access"], grantAudience: ["https://bank.example"], seconds: 60 };

describe("per-use grants", () => {
  it("keeps who, which app, what, since when and until when, oldest first, per person", async () => {
    const subject = crypto.randomUUID();
    await grants.record(subject, "app-b", { ...payment, grantScope: ["openid", "offline"] }, t0 + 1000);
    await grants.record(subject, "app-a", payment, t0);
    await grants.record(crypto.randomUUID(), "app-a", payment, t0);

    const mine = await grants.of(subject);
    expect(mine.map((g) => g.clientId)).toEqual(["app-a", "app-b"]);
    expect(mine[0]).toMatchObject({
      subject,
      scopes: ["openid", "payments", "offline_access"],
      audiences: ["https://bank.example"],
      grantedAt: new Date(t0),
      endsAt: new Date(t0 + 60_000),
    });
    expect(await grants.of(subject, "app-b")).toHaveLength(1);
  });

  it("names what is due, and lets exactly one of many parallel sweeps claim each", async () => {
    const subject = crypto.randomUUID();
    const id = await grants.record(subject, "app", payment, t0);
    await grants.record(subject, "later", { ...payment, seconds: 3600 }, t0);

    expect(await grants.due(10, subject, t0 + 59_999)).toEqual([]);
    const [due, ...rest] = await grants.due(10, subject, t0 + 60_000);
    expect(rest).toEqual([]);
    expect(due).toMatchObject({ id, clientId: "app", endsAt: t0 + 60_000, dueAt: t0 + 60_000 });

    const claims = await Promise.all(Array.from({ length: 20 }, () => grants.claim(due!, t0 + 120_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Claimed: not due again until the retry time, still listed (its access is not ended yet).
    expect(await grants.due(10, subject, t0 + 119_999)).toEqual([]);
    expect((await grants.due(10, subject, t0 + 120_000)).map((g) => g.id)).toEqual([id]);
    expect(await grants.of(subject, "app")).toHaveLength(1);
  });

  it("moves a grant's end to a later one, and tells the next due time", async () => {
    const subject = crypto.randomUUID();
    const id = await grants.record(subject, "app", payment, t0);
    await grants.extend(id, t0 + 3_600_000);
    expect((await grants.of(subject))[0]?.endsAt).toEqual(new Date(t0 + 3_600_000));
    expect(await grants.due(10, subject, t0 + 3_599_999)).toEqual([]);
    expect(await grants.next()).toBeLessThanOrEqual(t0 + 3_600_000);
  });

  it("forgets one app's grants or all, but not those granted after the revocation started", async () => {
    const subject = crypto.randomUUID();
    await grants.record(subject, "a", payment, t0);
    await grants.record(subject, "a", payment, t0 + 5000);
    await grants.record(subject, "b", payment, t0);
    await grants.record(subject, "c", payment, t0 + 2);

    await grants.forget(subject, "a", t0 + 1000);
    expect((await grants.of(subject)).map((g) => [g.clientId, g.grantedAt.getTime()])).toEqual([
      ["b", t0],
      ["c", t0 + 2],
      ["a", t0 + 5000],
    ]);
    await grants.remove((await grants.of(subject, "c"))[0]!.id);
    await grants.forget(subject);
    expect(await grants.of(subject)).toEqual([]);
  });
});
