import fs from "node:fs";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { ConsentRepository, type ConsentRecord } from "./consents";
import { openCoreStore } from "./db/store";
import { tempDir } from "./testing/harness";

// Two decisions for the same app within one second: the newer one must still come first, because
// the consent screen compares a new request with the newest remembered decision.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function record(grantId: string, handledAtMs: number, grantScope: string[]): ConsentRecord {
  const handledAt = Math.floor(handledAtMs / 1000);
  return {
    grantId, subject: "person", clientId: "app", challenge: `challenge-${grantId}`, grantScope, grantAudience: [],
    remember: true, skip: false, rememberFor: 3600, handledAt, handledAtMs, rememberUntil: handledAt + 3600,
    session: { access_token: {}, id_token: {} }, request: {}, expiresAt: handledAt + 3600,
  };
}

it("orders decisions made within the same second by their milliseconds", async () => {
  const dir = tempDir();
  dirs.push(dir);
  const store = await openCoreStore({ sqliteFile: path.join(dir, "core.db"), schema: "unused" });
  try {
    const consents = new ConsentRepository(store.db);
    const second = Math.floor(Date.now() / 1000) * 1000;
    // "a" sorts first by grant id, so only the milliseconds can put "b" ahead.
    await consents.save(record("a", second + 100, ["openid"]));
    await consents.save(record("b", second + 900, ["openid", "email"]));
    const listed = await consents.listBySubject("person", { limit: 10, offset: 0 });
    expect(listed.map((r) => r.grantId)).toEqual(["b", "a"]);
    expect((await consents.remembered("person", "app"))?.grantId).toBe("b");
  } finally {
    await store.close();
  }
});
