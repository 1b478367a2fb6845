import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { defaultPairwiseSalt } from "./keys";
import { admin, Browser, createClient, RP, rpConfig, signIn, TEST_SECRET, withTestCore } from "./testing/harness";

// subject_type "pairwise" (OIDC Core 8.1): each sector sees its own stable subject.

let core: RunningCore;
withTestCore((started) => (core = started));

const hydraPairwise = (sector: string, subject: string) =>
  crypto.createHash("sha256").update(sector + subject + defaultPairwiseSalt(TEST_SECRET)).digest("hex");

describe("pairwise subjects", () => {
  it("gives clients of different sectors different subjects, stable across sign-ins, and public clients the subject itself", async () => {
    const shop = await createClient(core, { subject_type: "pairwise" });
    const other = await createClient(core, {
      subject_type: "pairwise",
      redirect_uris: ["http://other-rp.test/callback"],
      post_logout_redirect_uris: [],
    });
    const plain = await createClient(core);
    expect((await admin(core, "GET", `/admin/clients/${shop.client_id}`)).body).toMatchObject({ subject_type: "pairwise" });

    const first = (await signIn(new Browser(), core, await rpConfig(core, shop), "alice")).claims()?.sub;
    const again = (await signIn(new Browser(), core, await rpConfig(core, shop), "alice")).claims()?.sub;
    expect(first).toBe(hydraPairwise(new URL(RP).host, "alice"));
    expect(again).toBe(first);

    const otherSub = (
      await signIn(new Browser(), core, await rpConfig(core, other), "alice", { redirect_uri: "http://other-rp.test/callback" })
    ).claims()?.sub;
    expect(otherSub).toBe(hydraPairwise("other-rp.test", "alice"));
    expect(otherSub).not.toBe(first);

    expect((await signIn(new Browser(), core, await rpConfig(core, plain), "alice")).claims()?.sub).toBe("alice");
  });

  it("refuses a sector_identifier_uri that is not https or cannot be fetched", async () => {
    for (const uri of ["http://sector.example/uris.json", "https://127.0.0.1:1/uris.json"]) {
      const res = await admin(core, "POST", "/admin/clients", { subject_type: "pairwise", redirect_uris: [RP], sector_identifier_uri: uri });
      expect(res.status, uri).toBe(400);
      expect(res.body).toMatchObject({ error: "invalid_client_metadata" });
      expect(String(res.body.error_description)).toContain("sector_identifier_uri");
    }
  });

  it("needs a sector_identifier_uri for a pairwise client with redirect URIs on several hosts", async () => {
    const res = await admin(core, "POST", "/admin/clients", {
      subject_type: "pairwise",
      redirect_uris: [RP, "http://elsewhere.test/callback"],
    });
    expect(res.status).toBe(400);
    expect(String(res.body.error_description)).toContain("sector_identifier_uri");
  });
});
