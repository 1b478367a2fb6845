import { describe, expect, it } from "vitest";
import { keyId, keyRing, parseSecretList } from "./key-ring";
import { open, openState, seal, sealedKeyId, sealState } from "./seal";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const next = "the-next-secret-that-is-long-enough-9876543210";
const ring = keyRing(secret);

/** Sealed by lib/factors/seal.ts before the key ring (format v1), with `secret`. */
const LEGACY_TOTP = "v1.wbcWapuDZV2aIx7I.Qko6WmZ85BwInBSBKzc5BA.O65uiPokoCBp4p1T26_Y4Q";
/** sealState(secret, "tobira_mfa", { challenge: "c" }, 100 years) in the v1 format. */
const LEGACY_STATE = "v1.PjB3iuVhZAurHhJT.8gsMl6siG6iavxQA06JxeQLZSFuKE44bKbwICKf6BpkizGkS1bGN3g.BZSp9iwb8rOG4awDzjhI5w";

describe("sealing", () => {
  it("opens only with the same secret, purpose and binding", () => {
    const sealed = seal(ring, "totp", "JBSWY3DPEHPK3PXP", "account-1");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(open(ring, "totp", sealed, "account-1")).toEqual({ ok: true, text: "JBSWY3DPEHPK3PXP", stale: false });
    expect(open(ring, "totp", sealed, "account-2")).toEqual({ ok: false, reason: "invalid" });
    expect(open(ring, "other", sealed, "account-1")).toEqual({ ok: false, reason: "invalid" });
    expect(open(keyRing(`${secret}x`), "totp", sealed, "account-1")).toEqual({ ok: false, reason: "unknown-key" });
  });

  it("refuses a tampered or malformed value, and one given another key id", () => {
    const sealed = seal(ring, "totp", "hello");
    const [v, id, iv, body = "", tag] = sealed.split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped.writeUInt8(flipped.readUInt8(0) ^ 1, 0);
    expect(open(ring, "totp", [v, id, iv, flipped.toString("base64url"), tag].join("."))).toEqual({ ok: false, reason: "invalid" });
    expect(open(ring, "totp", "garbage")).toEqual({ ok: false, reason: "invalid" });
    expect(open(ring, "totp", `${sealed}.more`)).toEqual({ ok: false, reason: "invalid" });
    // The same secret under two names: the header is authenticated, so the copy does not open.
    const twice = keyRing(secret, [next]);
    const renamed = [v, keyId(next), iv, body, tag].join(".");
    expect(open(twice, "totp", renamed)).toEqual({ ok: false, reason: "invalid" });
  });

  it("lets state expire", () => {
    const now = Date.now();
    const sealed = sealState(ring, "pending", { challenge: "c" }, 60, now);
    expect(openState(ring, "pending", sealed, now + 59_000)).toEqual({ challenge: "c" });
    expect(openState(ring, "pending", sealed, now + 61_000)).toBeUndefined();
    expect(openState(ring, "pending", undefined, now)).toBeUndefined();
  });
});

describe("the key ring", () => {
  it("seals with the current secret and opens what a previous one sealed, saying it is stale", () => {
    const old = seal(ring, "totp", "JBSWY3DPEHPK3PXP", "account-1");
    const rotated = keyRing(next, [secret]);
    expect(open(rotated, "totp", old, "account-1")).toEqual({ ok: true, text: "JBSWY3DPEHPK3PXP", stale: true });
    const resealed = seal(rotated, "totp", "JBSWY3DPEHPK3PXP", "account-1");
    expect(sealedKeyId(resealed)).toBe(keyId(next));
    expect(open(rotated, "totp", resealed, "account-1")).toEqual({ ok: true, text: "JBSWY3DPEHPK3PXP", stale: false });
    // Once the previous secret is dropped, its values name a key the ring does not have.
    expect(open(keyRing(next), "totp", old, "account-1")).toEqual({ ok: false, reason: "unknown-key" });
    expect(openState(rotated, "pending", sealState(ring, "pending", { a: 1 }, 60))).toEqual({ a: 1 });
  });

  it("opens values sealed in the format before the ring with any of its secrets", () => {
    expect(open(ring, "totp-secret", LEGACY_TOTP, "account-1")).toEqual({ ok: true, text: "JBSWY3DPEHPK3PXP", stale: true });
    expect(open(keyRing(next, ["yet-another-secret-long-enough-00000000", secret]), "totp-secret", LEGACY_TOTP, "account-1")).toMatchObject({ ok: true, stale: true });
    expect(open(ring, "totp-secret", LEGACY_TOTP, "account-2")).toEqual({ ok: false, reason: "invalid" });
    expect(open(keyRing(next), "totp-secret", LEGACY_TOTP, "account-1")).toEqual({ ok: false, reason: "invalid" });
    expect(sealedKeyId(LEGACY_TOTP)).toBeUndefined();
    expect(openState(keyRing(next, [secret]), "tobira_mfa", LEGACY_STATE)).toEqual({ challenge: "c" });
  });

  it("reads TOBIRA_SECRET_PREVIOUS as a comma-separated list and keeps the current secret out of it", () => {
    expect(parseSecretList(` ${secret} , ${next},,`)).toEqual([secret, next]);
    expect(parseSecretList(undefined)).toEqual([]);
    expect(keyRing(secret, [next, secret, next]).previous).toEqual([next]);
    expect(keyId(secret)).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(keyId(secret)).not.toBe(keyId(next));
  });
});
