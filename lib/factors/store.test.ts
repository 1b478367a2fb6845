import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { IdentityStore } from "@/lib/identity/store";
import { TEST_RING as ring, withIdentityStore } from "@/lib/testing/identity-store";
import { factorsIn, THROTTLE, type Factors } from "./store";
import { stepAt, totpAt } from "./totp";

const testStore = withIdentityStore();
const newAccount = () => testStore.newAccount("factors");
let store: IdentityStore;
let factors: Factors;
beforeAll(() => {
  ({ store, factors } = testStore);
});

describe("TOTP factors", () => {
  it("keeps the key encrypted and accepts each code once", async () => {
    const account = await newAccount();
    const key = new Uint8Array(20).fill(7);
    const now = 1_800_000_000;
    await factors.totp.add(account, "Phone", key, stepAt(now) - 1);
    const row = await store.database.db.selectFrom("totp_factors").selectAll().where("account_id", "=", account).executeTakeFirstOrThrow();
    expect(row.secret.startsWith("v2.")).toBe(true);
    expect(row.secret).not.toContain("AcDg");

    const code = totpAt(key, now);
    expect(await factors.totp.verify(account, code, now)).toBe(true);
    expect(await factors.totp.verify(account, code, now)).toBe(false);
    // A code from before the last accepted one is refused too.
    expect(await factors.totp.verify(account, totpAt(key, now - 30), now)).toBe(false);
    expect(await factors.totp.verify(account, totpAt(key, now + 30), now)).toBe(true);
    expect(await factors.totp.verify(account, "000000", now)).toBe(false);
  });

  it("does not verify another account's key", async () => {
    const [owner, other] = [await newAccount(), await newAccount()];
    const key = new Uint8Array(20).fill(9);
    await factors.totp.add(owner, "Phone", key, 0);
    const now = 1_800_000_000;
    expect(await factors.totp.verify(other, totpAt(key, now), now)).toBe(false);
  });

  it("renames and removes only the owner's factors", async () => {
    const [owner, other] = [await newAccount(), await newAccount()];
    const id = await factors.totp.add(owner, "Phone", new Uint8Array(20), 0);
    expect(await factors.rename(other, "totp", id, "Mine now")).toBe(false);
    expect(await factors.rename(owner, "totp", id, "Work phone")).toBe(true);
    expect((await factors.totp.list(owner)).map((f) => f.name)).toEqual(["Work phone"]);
    expect(await factors.remove(other, "totp", id)).toBe(false);
    expect(await factors.remove(owner, "totp", id)).toBe(true);
    expect(await factors.totp.list(owner)).toEqual([]);
  });
});

describe("recovery codes", () => {
  it("are single-use and a new set invalidates the old", async () => {
    const account = await newAccount();
    const first = await factors.recovery.replace(account);
    expect(await factors.recovery.remaining(account)).toBe(10);
    expect(await factors.recovery.use(account, (first[0] ?? "").toUpperCase())).toBe(true);
    expect(await factors.recovery.use(account, first[0] ?? "")).toBe(false);
    expect(await factors.recovery.remaining(account)).toBe(9);

    const second = await factors.recovery.replace(account);
    expect(await factors.recovery.use(account, first[1] ?? "")).toBe(false);
    expect(await factors.recovery.use(account, second[1] ?? "")).toBe(true);
    expect(await factors.recovery.use(await newAccount(), second[2] ?? "")).toBe(false);
  });
});

describe("enrolment", () => {
  const key = new Uint8Array(20).fill(3);

  it("gives the first factor, and one added when no codes are left, a new set of codes", async () => {
    const account = await newAccount();
    expect(await factors.enrol(account, { kind: "totp", name: "Phone", key, usedStep: 0 })).toHaveLength(10);
    expect(await factors.enrol(account, { kind: "passkey", passkey: { id: `cred-${account}`, name: "Laptop", publicKey: new Uint8Array([1]), counter: 0, transports: [], backedUp: false } })).toEqual([]);
    expect(await factors.recovery.remaining(account)).toBe(10);
    for (const code of await factors.recovery.replace(account)) await factors.recovery.use(account, code);
    expect(await factors.enrol(account, { kind: "totp", name: "Tablet", key, usedStep: 0 })).toHaveLength(10);
  });

  it("stores the factor and its codes together or not at all", async () => {
    // A failure between the two writes (here the database refusing the codes) leaves no factor.
    const account = await newAccount();
    const { db, engine } = store.database;
    const marker = account.replace(/-/g, "");
    if (engine === "sqlite") {
      await sql.raw(`CREATE TRIGGER refuse_${marker} BEFORE INSERT ON recovery_codes WHEN NEW.account_id = '${account}' BEGIN SELECT RAISE(ABORT, 'refused'); END`).execute(db);
    } else {
      await sql.raw(`CREATE FUNCTION refuse_${marker}() RETURNS trigger AS $$ BEGIN IF NEW.account_id = '${account}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`).execute(db);
      await sql.raw(`CREATE TRIGGER refuse_${marker} BEFORE INSERT ON recovery_codes FOR EACH ROW EXECUTE FUNCTION refuse_${marker}()`).execute(db);
    }
    try {
      await expect(factors.enrol(account, { kind: "totp", name: "Phone", key, usedStep: 0 })).rejects.toThrow();
      expect(await factors.summary(account)).toEqual({ totp: [], passkeys: [], recoveryRemaining: 0 });
    } finally {
      await sql.raw(engine === "sqlite" ? `DROP TRIGGER refuse_${marker}` : `DROP TRIGGER refuse_${marker} ON recovery_codes; DROP FUNCTION refuse_${marker}()`).execute(db);
    }
  });
});

describe("throttling", () => {
  let clock = 1_800_000_000;
  const timed = () => factorsIn(store.database.db, ring, store.database.engine, () => clock);
  const fail = async (f: Factors, key: string) => {
    const reserved = await f.throttle.reserve(key);
    return reserved.ok ? (await reserved.settle(false)).locked : true;
  };

  it("locks after too many failures and unlocks on its own", async () => {
    const f = timed();
    const key = `factor:${crypto.randomUUID()}`;
    for (let i = 1; i < THROTTLE.maxFailures; i += 1) expect(await fail(f, key)).toBe(false);
    expect(await f.throttle.check(key)).toEqual({ locked: false });
    expect(await fail(f, key)).toBe(true);
    clock += 1;
    expect(await f.throttle.check(key)).toMatchObject({ locked: true });
    clock += THROTTLE.lockSeconds;
    expect(await f.throttle.check(key)).toEqual({ locked: false });
  });

  it("forgets failures after a success", async () => {
    const f = timed();
    const key = `factor:${crypto.randomUUID()}`;
    for (let i = 1; i < THROTTLE.maxFailures; i += 1) await fail(f, key);
    const right = await f.throttle.reserve(key);
    if (right.ok) await right.settle(true);
    expect(await fail(f, key)).toBe(false);
  });
});

describe("login sessions", () => {
  it("remembers how a session was authenticated, latest wins", async () => {
    const session = crypto.randomUUID();
    await factors.sessions.remember(session, "sub-1", "urn:tobira:loa:2", ["pwd"]);
    await factors.sessions.remember(session, "sub-1", "urn:tobira:loa:3", ["pwd", "otp", "mfa"]);
    expect(await factors.sessions.find(session)).toEqual({ subject: "sub-1", acr: "urn:tobira:loa:3", amr: ["pwd", "otp", "mfa"] });
    expect(await factors.sessions.find("unknown")).toBeUndefined();
  });
});

describe("passkeys", () => {
  it("are stored per account and deleted with it", async () => {
    const account = await newAccount();
    await factors.passkeys.add(account, { id: "cred-1", name: "Laptop", publicKey: new Uint8Array([1, 2, 3]), counter: 0, transports: ["internal"], backedUp: false });
    await factors.passkeys.used("cred-1", 5, true);
    expect(await factors.passkeys.find("cred-1")).toMatchObject({ accountId: account, counter: 5, backedUp: true, transports: ["internal"], publicKey: new Uint8Array([1, 2, 3]) });
    await store.database.db.deleteFrom("accounts").where("id", "=", account).execute();
    expect(await factors.passkeys.find("cred-1")).toBeUndefined();
  });
});
