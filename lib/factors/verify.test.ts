import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openIdentityStore } from "@/lib/identity/store";
import { TEST_RING as ring, withIdentityStore } from "@/lib/testing/identity-store";
import { factorsIn, THROTTLE } from "./store";
import { stepAt, totpAt } from "./totp";
import { hasSecondFactor, verifyCode, verifyPasskey } from "./verify";
import { relyingParty } from "./webauthn";

// The one second-factor check both the sign-in step and the security page call.

const testStore = withIdentityStore();
const newAccount = () => testStore.newAccount("verify");

async function withApp(account: string) {
  const key = new Uint8Array(20).fill(9);
  await testStore.factors.totp.add(account, "Phone", key, stepAt(Date.now() / 1000) - 2);
  return key;
}

describe("verifyCode", () => {
  it("accepts the app's current code once and names the method", async () => {
    const account = await newAccount();
    const key = await withApp(account);
    const code = totpAt(key, Math.floor(Date.now() / 1000));
    expect(await verifyCode(testStore.factors, account, "totp", code)).toEqual({ ok: true, method: { kind: "totp" } });
    expect(await verifyCode(testStore.factors, account, "totp", code)).toEqual({ ok: false, error: "wrongCode" });
  });

  it("locks the account after too many wrong codes, counting app and recovery codes together", async () => {
    const account = await newAccount();
    const key = await withApp(account);
    const [recovery] = await testStore.factors.recovery.replace(account);
    for (let i = 1; i < THROTTLE.maxFailures; i++) {
      expect(await verifyCode(testStore.factors, account, i % 2 ? "totp" : "recovery", "000000")).toEqual({ ok: false, error: "wrongCode" });
    }
    expect(await verifyCode(testStore.factors, account, "recovery", "wrong-code")).toEqual({ ok: false, error: "locked" });
    // Locked: even the right codes are refused, and the recovery code is not spent.
    expect(await verifyCode(testStore.factors, account, "totp", totpAt(key, Math.floor(Date.now() / 1000)))).toEqual({ ok: false, error: "locked" });
    expect(await verifyCode(testStore.factors, account, "recovery", recovery ?? "")).toEqual({ ok: false, error: "locked" });
    expect(await testStore.factors.recovery.remaining(account)).toBe(10);
  });

  it("checks no more codes of a burst of parallel guesses than one at a time would", async () => {
    const account = await newAccount();
    await withApp(account);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => verifyCode(testStore.factors, account, "totp", String(100000 + i))));
    // The first four wrong codes are answered as wrong, the fifth locks, the rest find it locked.
    expect(results.filter((r) => !r.ok && r.error === "wrongCode")).toHaveLength(THROTTLE.maxFailures - 1);
    expect(results.filter((r) => !r.ok && r.error === "locked")).toHaveLength(30 - (THROTTLE.maxFailures - 1));
  });

  it("starts counting again after a right code", async () => {
    const account = await newAccount();
    await withApp(account);
    const [first, second] = await testStore.factors.recovery.replace(account);
    for (let i = 1; i < THROTTLE.maxFailures; i++) await verifyCode(testStore.factors, account, "recovery", "nope");
    expect(await verifyCode(testStore.factors, account, "recovery", first ?? "")).toEqual({ ok: true, method: { kind: "recovery" } });
    expect(await verifyCode(testStore.factors, account, "recovery", "nope")).toEqual({ ok: false, error: "wrongCode" });
    expect(await verifyCode(testStore.factors, account, "recovery", second ?? "")).toMatchObject({ ok: true });
  });
});

/**
 * A software authenticator: an ES256 credential whose public key is stored as a passkey of
 * `account`, and assertions it signs the way an authenticator does (WebAuthn §6.3.3).
 */
async function softwarePasskey(account: string, backedUp = false) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const coordinate = (value: string | undefined) => Buffer.from(value ?? "", "base64url");
  // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y} in CBOR.
  const cose = Buffer.concat([Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]), coordinate(jwk.x), Buffer.from([0x22, 0x58, 0x20]), coordinate(jwk.y)]);
  const id = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64url");
  await testStore.factors.passkeys.add(account, { id, name: "Laptop", publicKey: new Uint8Array(cose), counter: 0, transports: [], backedUp });
  let counter = 0;
  return {
    id,
    assert(challenge: string, key: KeyObject = privateKey) {
      const { id: rpId, origin } = relyingParty();
      const clientData = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: Buffer.from(challenge).toString("base64url"), origin }));
      // Flags: user present, user verified, and backup eligible + backed up for a synced passkey.
      const flags = 0x01 | 0x04 | (backedUp ? 0x08 | 0x10 : 0);
      const count = Buffer.alloc(4);
      count.writeUInt32BE(++counter);
      const authenticatorData = Buffer.concat([createHash("sha256").update(rpId).digest(), Buffer.from([flags]), count]);
      const signature = sign("sha256", Buffer.concat([authenticatorData, createHash("sha256").update(clientData).digest()]), key);
      return {
        id,
        rawId: id,
        type: "public-key",
        response: { clientDataJSON: clientData.toString("base64url"), authenticatorData: authenticatorData.toString("base64url"), signature: signature.toString("base64url") },
        clientExtensionResults: {},
      };
    },
  };
}

describe("verifyPasskey", () => {
  it("accepts the account's passkey, stores its counter and says whether it is bound to the device", async () => {
    const account = await newAccount();
    const passkey = await softwarePasskey(account);
    const checked = await verifyPasskey(testStore.factors, { response: passkey.assert("ceremony-1"), expected: Buffer.from("ceremony-1").toString("base64url"), accountId: account });
    expect(checked).toEqual({ ok: true, accountId: account, method: { kind: "passkey", deviceBound: true } });
    expect((await testStore.factors.passkeys.find(passkey.id))?.counter).toBe(1);

    const synced = await softwarePasskey(account, true);
    const alone = await verifyPasskey(testStore.factors, { response: synced.assert("ceremony-2"), expected: Buffer.from("ceremony-2").toString("base64url") });
    expect(alone).toEqual({ ok: true, accountId: account, method: { kind: "passkey", deviceBound: false } });
  });

  it("refuses a valid answer from another account's passkey, and leaves that passkey unused", async () => {
    const owner = await newAccount();
    const other = await newAccount();
    const passkey = await softwarePasskey(owner);
    const expected = Buffer.from("ceremony-3").toString("base64url");
    expect(await verifyPasskey(testStore.factors, { response: passkey.assert("ceremony-3"), expected, accountId: other })).toEqual({ ok: false, error: "passkeyFailed" });
    expect((await testStore.factors.passkeys.find(passkey.id))?.counter).toBe(0);
  });

  it("refuses an answer to another ceremony, one signed by another key, and one without a ceremony", async () => {
    const account = await newAccount();
    const passkey = await softwarePasskey(account);
    const expected = Buffer.from("ceremony-4").toString("base64url");
    expect(await verifyPasskey(testStore.factors, { response: passkey.assert("ceremony-other"), expected, accountId: account })).toMatchObject({ ok: false });
    const stranger = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    expect(await verifyPasskey(testStore.factors, { response: passkey.assert("ceremony-4", stranger), expected, accountId: account })).toMatchObject({ ok: false });
    expect(await verifyPasskey(testStore.factors, { response: passkey.assert("ceremony-4"), expected: undefined, accountId: account })).toMatchObject({ ok: false });
    expect(await verifyPasskey(testStore.factors, { response: { id: "x" }, expected, accountId: account })).toMatchObject({ ok: false });
    expect((await testStore.factors.passkeys.find(passkey.id))?.counter).toBe(0);
  });
});

describe("a store that fails", () => {
  it("answers internal instead of throwing", async () => {
    const broken = await openIdentityStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "tobira-verify-closed-")) });
    const closed = factorsIn(broken.database.db, ring, broken.database.engine);
    await broken.database.close();
    expect(await verifyCode(closed, "someone", "totp", "123456")).toEqual({ ok: false, error: "internal" });
  });
});

describe("recovery codes", () => {
  it("count only while the account has an app or a passkey", async () => {
    const account = await newAccount();
    const [code = "", other = ""] = await testStore.factors.recovery.replace(account);
    expect(await verifyCode(testStore.factors, account, "recovery", code)).toEqual({ ok: false, error: "wrongCode" });
    await withApp(account);
    // Refused above without being spent.
    expect(await verifyCode(testStore.factors, account, "recovery", code)).toEqual({ ok: true, method: { kind: "recovery" } });
    expect(await verifyCode(testStore.factors, account, "recovery", other)).toEqual({ ok: true, method: { kind: "recovery" } });
  });
});

describe("hasSecondFactor", () => {
  it("counts apps and passkeys, not recovery codes alone", async () => {
    const account = await newAccount();
    await testStore.factors.recovery.replace(account);
    expect(await hasSecondFactor(testStore.factors, account)).toBe(false);
    await withApp(account);
    expect(await hasSecondFactor(testStore.factors, account)).toBe(true);
  });
});
