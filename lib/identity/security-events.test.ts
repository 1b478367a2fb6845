import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openIdentityStore, type IdentityStore } from "./store";

let dir: string;
let store: IdentityStore;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-events-"));
  store = await openIdentityStore({ dataDir: dir, databaseUrl: process.env.DATABASE_URL });
});

afterAll(async () => {
  await store.database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("security events", () => {
  it("lists a person's events newest first, and only theirs", async () => {
    const subject = crypto.randomUUID();
    await store.securityEvents.record({ subject, kind: "sign_in", clientId: "a", clientName: "App A", network: "10.0.0.x" });
    await store.database.db.updateTable("security_events").set({ created_at: 1000 }).where("subject", "=", subject).execute();
    await store.securityEvents.record({ subject, kind: "consent_revoked", clientId: "a", clientName: "App A" });
    await store.securityEvents.record({ subject: crypto.randomUUID(), kind: "sign_in" });

    const events = await store.securityEvents.recent(subject);
    expect(events.map((e) => e.kind)).toEqual(["consent_revoked", "sign_in"]);
    expect(events[1]).toMatchObject({ clientName: "App A", network: "10.0.0.x", at: new Date(1_000_000) });
  });
});

