import crypto from "node:crypto";
import { promisify } from "node:util";
import type { JWK } from "oidc-provider";
import { secretsOf, type KeyRing } from "../common/key-ring";
import { nowSeconds, sql, type Engine } from "../common/db/connect";
import { num, type CoreDatabase } from "./db/store";

// JSON Web Key sets, stored the way Hydra's admin API manages them (set + kid). The set
// `hydra.openid.id-token` holds the ID token signing keys: every key in it is published in
// /.well-known/jwks.json, and the newest key of an algorithm signs (Hydra: the newest key of the
// set). Keys are kept in the core's DB so tokens signed before a restart still verify after it.

export const ID_TOKEN_SET = "hydra.openid.id-token";

/** Hydra's generator: RS256 keys have 4096 bits, `use` defaults to sig, `kid` to a UUID. */
const generateKeyPair = promisify(crypto.generateKeyPair);
const GENERATORS: Record<string, () => Promise<JWK>> = {
  RS256: async () => exportJwk((await generateKeyPair("rsa", { modulusLength: 4096 })).privateKey),
  ES256: async () => exportJwk((await generateKeyPair("ec", { namedCurve: "P-256" })).privateKey),
  ES512: async () => exportJwk((await generateKeyPair("ec", { namedCurve: "P-521" })).privateKey),
  HS256: async () => ({ kty: "oct", k: crypto.randomBytes(32).toString("base64url") }),
  HS512: async () => ({ kty: "oct", k: crypto.randomBytes(64).toString("base64url") }),
};

export const GENERATED_ALGS = Object.keys(GENERATORS);

const exportJwk = (key: crypto.KeyObject) => key.export({ format: "jwk" }) as JWK;

export async function generateKey(alg: string, kid: string | undefined, use: string | undefined): Promise<JWK> {
  const generate = GENERATORS[alg];
  if (!generate) throw new Error(`no generator for ${alg}`);
  return { ...(await generate()), kid: kid || crypto.randomUUID(), alg, use: use || "sig" };
}

/**
 * The ID token set always has an RS256 key (every client's default) and an ES256 one, as on the
 * first start: a change that leaves an algorithm without a key gets a fresh one, as Hydra makes
 * a new key for a set that is gone. Quick 2048-bit RSA here: this runs on start.
 */
const DEFAULTS = [
  { alg: "RS256", make: () => crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }) },
  { alg: "ES256", make: () => crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }) },
] as const;

export async function ensureSigningKeys(db: CoreDatabase, engine: Engine): Promise<void> {
  if (engine !== "postgres") return addMissingDefaults(db);
  // Core processes started together on one PostgreSQL database would each find the set empty
  // and each add a key of every algorithm; each would then publish only the keys it saw, and the
  // ID tokens one signs would not verify with the jwks.json the other answers until both reload
  // the set. The check and the additions queue on a lock of the set's name, held to the end of
  // the transaction, so the second process finds the first one's keys.
  const locked = async (trx: CoreDatabase) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`tobira-core:signing-keys:${ID_TOKEN_SET}`}))`.execute(trx);
    await addMissingDefaults(trx);
  };
  return db.isTransaction ? locked(db) : db.transaction().execute(locked);
}

async function addMissingDefaults(db: CoreDatabase): Promise<void> {
  for (const { alg, make } of DEFAULTS) {
    const existing = await db
      .selectFrom("signing_keys")
      .select("kid")
      .where("set_id", "=", ID_TOKEN_SET)
      .where("alg", "=", alg)
      .executeTakeFirst();
    if (existing) continue;
    await addKeys(db, ID_TOKEN_SET, [{ ...exportJwk(make().privateKey), kid: crypto.randomUUID(), alg, use: "sig" }]);
  }
}

/** A set's keys, newest first (the order oidc-provider picks a signing key in). */
export async function listKeys(db: CoreDatabase, set: string): Promise<JWK[]> {
  const rows = await db
    .selectFrom("signing_keys")
    .select(["jwk"])
    .where("set_id", "=", set)
    .orderBy("created_at_ms", "desc")
    .orderBy("kid")
    .execute();
  return rows.map((row) => JSON.parse(row.jwk) as JWK);
}

export async function getKey(db: CoreDatabase, set: string, kid: string): Promise<JWK | undefined> {
  const row = await db.selectFrom("signing_keys").select("jwk").where("set_id", "=", set).where("kid", "=", kid).executeTakeFirst();
  return row ? (JSON.parse(row.jwk) as JWK) : undefined;
}

/** Adds keys to a set; the first of them counts as the newest. Every key has a kid. */
export async function addKeys(db: CoreDatabase, set: string, keys: ReadonlyArray<JWK & { kid: string }>): Promise<void> {
  if (!keys.length) return;
  const now = Date.now();
  await db
    .insertInto("signing_keys")
    .values(
      keys.map((jwk, i) => ({
        set_id: set,
        kid: jwk.kid,
        alg: jwk.alg ?? "",
        jwk: JSON.stringify(jwk),
        created_at: nowSeconds(),
        created_at_ms: now - i,
      })),
    )
    .execute();
}

export async function deleteKey(db: CoreDatabase, set: string, kid: string): Promise<void> {
  await db.deleteFrom("signing_keys").where("set_id", "=", set).where("kid", "=", kid).execute();
}

export async function deleteSet(db: CoreDatabase, set: string): Promise<void> {
  await db.deleteFrom("signing_keys").where("set_id", "=", set).execute();
}

/** What identifies a set's current content (kids, newest first), to notice another process's change. */
export async function setFingerprint(db: CoreDatabase, set: string): Promise<string> {
  const rows = await db
    .selectFrom("signing_keys")
    .select(["kid", "created_at_ms"])
    .where("set_id", "=", set)
    .orderBy("created_at_ms", "desc")
    .orderBy("kid")
    .execute();
  return rows.map((row) => `${row.kid}@${num(row.created_at_ms) ?? 0}`).join(",");
}

/** Cookie signing keys, one derived from each secret of the ring (HMAC as a KDF, one purpose
 * label): oidc-provider signs with the first (TOBIRA_SECRET) and verifies with any of them. */
export function cookieKeys(ring: KeyRing): string[] {
  return secretsOf(ring).map((secret) => crypto.createHmac("sha256", secret).update("tobira-core/cookie-keys/v1").digest("base64url"));
}

/** The pairwise subject salt (Hydra `oidc.subject_identifiers.pairwise.salt`) a core without one
 * configured used before the salt was kept in its store (core/settings.ts), and uses on its
 * first start. */
export function defaultPairwiseSalt(secret: string): string {
  return crypto.createHmac("sha256", secret).update("tobira-core/pairwise-salt/v1").digest("base64url");
}
