import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { keyId, keyRing, type KeyRing } from "@/common/key-ring";
import { currentPrefix } from "@/common/seal";
import type { IdentityStore } from "@/lib/identity/store";
import { TEST_SECRET as OLD, withIdentityStore } from "@/lib/testing/identity-store";
import { base32Encode } from "./base32";
import { hashRecoveryCode, legacyRecoveryKey, newRecoveryCodes } from "./recovery";
import { resealFactors } from "./reseal";
import { factorsIn, THROTTLE } from "./store";
import { stepAt, totpAt } from "./totp";
import { verifyCode } from "./verify";

// TOBIRA_SECRET changes: what the old secret sealed keeps working while it is in
// TOBIRA_SECRET_PREVIOUS and is sealed again with the new one, by use or by the sweep at start;
// what no secret of the ring opens is the operator's mistake, never counted against the person.

const NEW = "the-new-secret-that-is-long-enough-9876543210";
const before = keyRing(OLD);
const rotated = keyRing(NEW, [OLD]);
const forgotten = keyRing(NEW);

const testStore = withIdentityStore();
let store: IdentityStore;
beforeAll(() => {
  ({ store } = testStore);
});
const factors = (ring: KeyRing) => factorsIn(store.database.db, ring, store.database.engine);
const now = () => Math.floor(Date.now() / 1000);

async function withApp(ring: KeyRing) {
  const account = await testStore.newAccount("rotation");
  const key = randomBytes(20);
  await factors(ring).totp.add(account, "Phone", key, stepAt(now()) - 2);
  return { account, key };
}

const storedSecret = async (account: string) =>
  (await store.database.db.selectFrom("totp_factors").select("secret").where("account_id", "=", account).executeTakeFirstOrThrow()).secret;
const storedKeys = async (account: string) =>
  (await store.database.db.selectFrom("recovery_codes").select("key_sealed").where("account_id", "=", account).execute()).map((row) => row.key_sealed);

/** lib/factors/seal.ts's sealText before the key ring (format v1), which databases still hold. */
function sealV1(secret: string, purpose: string, plaintext: string, bind: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(hkdfSync("sha256", secret, "tobira-seal", `tobira:${purpose}`, 32)), iv);
  cipher.setAAD(Buffer.from(bind));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, body, cipher.getAuthTag()].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** A recovery-code set as stores before the key ring wrote it. */
async function legacyCodes(account: string, secret: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const key = legacyRecoveryKey(secret);
  await store.database.db
    .insertInto("recovery_codes")
    .values(codes.map((code) => ({ id: crypto.randomUUID(), account_id: account, code_hash: hashRecoveryCode(key, code), key_sealed: null, used_at: null, created_at: now() })))
    .execute();
  return codes;
}

describe("TOTP keys across a rotation", () => {
  it("open with the previous secret and are sealed again with the new one when a code is accepted", async () => {
    const { account, key } = await withApp(before);
    expect(await verifyCode(factors(rotated), account, "totp", totpAt(key, now()))).toEqual({ ok: true, method: { kind: "totp" } });
    expect((await storedSecret(account)).startsWith(currentPrefix(rotated))).toBe(true);
    // Sealed again: the old secret is not needed any more.
    expect(await verifyCode(factors(forgotten), account, "totp", totpAt(key, now() + 30))).toEqual({ ok: true, method: { kind: "totp" } });
  });

  it("open when sealed in the format before the ring", async () => {
    const account = await testStore.newAccount("rotation");
    const key = randomBytes(20);
    await store.database.db
      .insertInto("totp_factors")
      .values({ id: crypto.randomUUID(), account_id: account, name: "Old phone", secret: sealV1(OLD, "totp-secret", base32Encode(key), account), last_step: stepAt(now()) - 2, created_at: now(), last_used_at: null })
      .execute();
    // Same secret, and after a rotation with the old one kept.
    expect(await factors(before).totp.verify(account, totpAt(key, now()))).toBe(true);
    expect((await storedSecret(account)).startsWith(currentPrefix(before))).toBe(true);
  });

  it("that no secret of the ring opens answer 'try again' and cost no attempt", async () => {
    const { account, key } = await withApp(before);
    for (let i = 0; i < THROTTLE.maxFailures + 2; i += 1) {
      expect(await verifyCode(factors(forgotten), account, "totp", totpAt(key, now()))).toEqual({ ok: false, error: "internal" });
      expect(await verifyCode(factors(forgotten), account, "totp", "000000")).toEqual({ ok: false, error: "internal" });
    }
    expect(await factors(forgotten).throttle.check(`second-factor:${account}`)).toEqual({ locked: false });
    // The operator puts the old secret back: the person was never locked out.
    expect(await verifyCode(factors(rotated), account, "totp", totpAt(key, now()))).toEqual({ ok: true, method: { kind: "totp" } });
  });
});

describe("recovery codes across a rotation", () => {
  // Recovery codes count only for an account with an app or a passkey (lib/factors/verify.ts).
  it("work with the previous secret, and the set's key is sealed again when one is used", async () => {
    const { account } = await withApp(before);
    const codes = await factors(before).recovery.replace(account);
    const [sealedBefore] = await storedKeys(account);
    expect(sealedBefore?.startsWith(currentPrefix(before))).toBe(true);
    expect(await verifyCode(factors(rotated), account, "recovery", codes[0] ?? "")).toEqual({ ok: true, method: { kind: "recovery" } });
    expect(new Set(await storedKeys(account))).toEqual(new Set([expect.stringMatching(`^${currentPrefix(rotated).replace(/[.]/g, "\\.")}`)]));
    // The other nine codes need only the new secret now.
    expect(await factors(forgotten).recovery.use(account, codes[1] ?? "")).toBe(true);
    expect(await factors(forgotten).recovery.use(account, codes[0] ?? "")).toBe(false);
  });

  it("made before the ring work with the secret of the time, and are then kept under a sealed key", async () => {
    const account = await testStore.newAccount("rotation");
    const codes = await legacyCodes(account, OLD);
    expect(await factors(rotated).recovery.use(account, codes[0] ?? "")).toBe(true);
    expect((await storedKeys(account)).every((sealed) => sealed?.startsWith(currentPrefix(rotated)))).toBe(true);
    expect(await factors(forgotten).recovery.use(account, codes[1] ?? "")).toBe(true);
    expect(await factors(forgotten).recovery.remaining(account)).toBe(8);
  });

  it("whose key no secret of the ring opens answer 'try again' and cost no attempt", async () => {
    const { account } = await withApp(before);
    const codes = await factors(before).recovery.replace(account);
    for (let i = 0; i < THROTTLE.maxFailures + 2; i += 1) {
      expect(await verifyCode(factors(forgotten), account, "recovery", codes[0] ?? "")).toEqual({ ok: false, error: "internal" });
    }
    expect(await factors(rotated).recovery.remaining(account)).toBe(10);
    expect(await verifyCode(factors(rotated), account, "recovery", codes[0] ?? "")).toEqual({ ok: true, method: { kind: "recovery" } });
  });
});

describe("sealing again at start", () => {
  it("re-seals unused keys with the new secret, so the previous one can be dropped", async () => {
    const app = await withApp(before);
    const { account: coded } = await withApp(before);
    const codes = await factors(before).recovery.replace(coded);
    const report = await resealFactors(store.database.db, rotated);
    expect(report.unreadable).toBe(0);
    expect(report.resealed).toBeGreaterThanOrEqual(2);
    expect((await storedSecret(app.account)).startsWith(currentPrefix(rotated))).toBe(true);
    expect(await verifyCode(factors(forgotten), app.account, "totp", totpAt(app.key, now()))).toEqual({ ok: true, method: { kind: "totp" } });
    expect(await verifyCode(factors(forgotten), coded, "recovery", codes[3] ?? "")).toEqual({ ok: true, method: { kind: "recovery" } });
    // Nothing left to do.
    expect(await resealFactors(store.database.db, rotated)).toMatchObject({ resealed: 0, unreadable: 0 });
  });

  it("adopts recovery codes from before the ring when no previous secret is configured, and waits otherwise", async () => {
    const account = await testStore.newAccount("rotation");
    const codes = await legacyCodes(account, OLD);
    expect((await resealFactors(store.database.db, keyRing(NEW, [OLD]))).waiting).toBeGreaterThanOrEqual(1);
    expect(await storedKeys(account)).toEqual(Array(10).fill(null));
    await resealFactors(store.database.db, before);
    expect((await storedKeys(account)).every((sealed) => sealed?.startsWith(currentPrefix(before)))).toBe(true);
    await resealFactors(store.database.db, rotated);
    expect(await factors(forgotten).recovery.use(account, codes[0] ?? "")).toBe(true);
  });

  it("names the key of what no secret of the ring opens, and leaves it as it was", async () => {
    const { account } = await withApp(keyRing("a-secret-that-nobody-kept-long-enough-000000"));
    const sealed = await storedSecret(account);
    const report = await resealFactors(store.database.db, rotated);
    expect(report.unreadable).toBeGreaterThanOrEqual(1);
    expect(report.unreadableKeyIds).toContain(keyId("a-secret-that-nobody-kept-long-enough-000000"));
    expect(await storedSecret(account)).toBe(sealed);
  });
});
