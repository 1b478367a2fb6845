import { nowSeconds } from "../common/db/connect";
import { keyId } from "../common/key-ring";
import { open, seal, sealedKeyId } from "../common/seal";
import { ConfigError, secretRingOf, type CoreConfig } from "./config";
import type { CoreDatabase } from "./db/store";
import { defaultPairwiseSalt } from "./keys";

// The pairwise subject salt (OIDC Core 8.1) of a core with no OIDC_SUBJECT_IDENTIFIERS_PAIRWISE_SALT.
// It used to be derived from TOBIRA_SECRET, so a new secret would have changed every pairwise
// `sub` the clients know their users by. It is now derived once, on the first start, and kept in
// the store, sealed with the key ring (a copy of the database alone does not give it away):
// 1. stored → opened with any secret of the ring, and sealed again with the current one;
// 2. stored but no secret of the ring opens it → the core does not start (it would silently
//    give every person new pairwise subjects);
// 3. not stored yet → derived from TOBIRA_SECRET as before and stored, unless previous secrets
//    are configured and pairwise clients exist: which secret their subjects came from is then
//    unknown, so the core asks the operator instead of guessing.

const NAME = "pairwise-salt";
const PURPOSE = "core-setting";

async function hasPairwiseClients(db: CoreDatabase): Promise<boolean> {
  const rows = await db.selectFrom("oidc_clients").select("data").execute();
  return rows.some((row) => (JSON.parse(row.data) as { subject_type?: unknown }).subject_type === "pairwise");
}

export async function pairwiseSalt(db: CoreDatabase, config: CoreConfig): Promise<string> {
  if (config.pairwiseSalt) return config.pairwiseSalt;
  const ring = secretRingOf(config);
  const stored = await db.selectFrom("sealed_settings").select("sealed").where("name", "=", NAME).executeTakeFirst();
  if (!stored) {
    if (ring.previous.length > 0 && (await hasPairwiseClients(db))) {
      throw new ConfigError(
        "invalid core configuration:\n  OIDC_SUBJECT_IDENTIFIERS_PAIRWISE_SALT: the core keeps no pairwise salt yet and TOBIRA_SECRET_PREVIOUS is set: start once with the secret the pairwise subjects were made with as TOBIRA_SECRET (and no TOBIRA_SECRET_PREVIOUS), or set the salt",
      );
    }
    await db
      .insertInto("sealed_settings")
      .values({ name: NAME, sealed: seal(ring, PURPOSE, defaultPairwiseSalt(ring.current), NAME), updated_at: nowSeconds() })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    // Another core process on the same database may have stored its own first: read what won.
    return pairwiseSalt(db, config);
  }
  const opened = open(ring, PURPOSE, stored.sealed, NAME);
  if (!opened.ok) {
    throw new ConfigError(
      `invalid core configuration:\n  TOBIRA_SECRET_PREVIOUS: the core's pairwise salt was sealed with a secret that is neither TOBIRA_SECRET nor in TOBIRA_SECRET_PREVIOUS (key id ${sealedKeyId(stored.sealed) ?? "unknown"}; TOBIRA_SECRET is ${keyId(ring.current)}): add that secret to TOBIRA_SECRET_PREVIOUS`,
    );
  }
  if (opened.stale) {
    await db
      .updateTable("sealed_settings")
      .set({ sealed: seal(ring, PURPOSE, opened.text, NAME), updated_at: nowSeconds() })
      .where("name", "=", NAME)
      .where("sealed", "=", stored.sealed)
      .execute();
  }
  return opened.text;
}
