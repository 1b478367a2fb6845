import crypto from "node:crypto";
import type { JWK } from "oidc-provider";
import { nowSeconds } from "../lib/db/connect";
import type { CoreDatabase } from "./db/store";

// Signing keys are made once, on first start, and kept in the core's DB so tokens signed before a
// restart still verify after it. RS256 is what every client supports; ES256 is offered too.

const WANTED = [
  { alg: "RS256", make: () => crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }) },
  { alg: "ES256", make: () => crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }) },
] as const;

export async function loadSigningKeys(db: CoreDatabase): Promise<JWK[]> {
  for (const { alg, make } of WANTED) {
    const existing = await db.selectFrom("signing_keys").select("kid").where("alg", "=", alg).executeTakeFirst();
    if (existing) continue;
    const jwk = make().privateKey.export({ format: "jwk" }) as JWK;
    const kid = crypto.randomUUID();
    await db
      .insertInto("signing_keys")
      .values({ kid, alg, jwk: JSON.stringify({ ...jwk, kid, alg, use: "sig" }), created_at: nowSeconds() })
      .onConflict((oc) => oc.column("kid").doNothing())
      .execute();
  }
  const rows = await db.selectFrom("signing_keys").select(["jwk"]).orderBy("created_at").execute();
  // RS256 first: oidc-provider signs ID tokens with the first key matching the client's alg.
  return rows
    .map((r) => JSON.parse(r.jwk) as JWK)
    .sort((a, b) => (a.alg === "RS256" ? -1 : 0) - (b.alg === "RS256" ? -1 : 0));
}

/** Cookie signing keys derived from TOBIRA_SECRET (HMAC as a KDF, one purpose label). */
export function cookieKeys(secret: string): string[] {
  return [crypto.createHmac("sha256", secret).update("tobira-core/cookie-keys/v1").digest("base64url")];
}

/** Key that seals client_secret_jwt secrets at rest (core/client-secrets.ts). */
export function clientSecretSealingKey(secret: string): Buffer {
  return crypto.createHmac("sha256", secret).update("tobira-core/client-secret-seal/v1").digest();
}

/** Default pairwise subject salt (Hydra `oidc.subject_identifiers.pairwise.salt`) when none is configured. */
export function defaultPairwiseSalt(secret: string): string {
  return crypto.createHmac("sha256", secret).update("tobira-core/pairwise-salt/v1").digest("base64url");
}
