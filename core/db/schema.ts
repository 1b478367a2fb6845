import type { Kysely, Migration } from "kysely";
import { sql } from "kysely";

// The core's own store (contracts.md): SQLite file `core.db` or PostgreSQL schema `tobira_core`.
// Portable types only: text, integer (times in integer seconds, booleans as 0/1), JSON as text.

export interface PayloadTable {
  /** oidc-provider model name: Session, Interaction, Grant, AccessToken, RefreshToken, … */
  kind: string;
  id: string;
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  /** accountId of the payload, so grants and sessions can be listed per subject. */
  subject: string | null;
  client_id: string | null;
  expires_at: number | null;
  consumed_at: number | null;
}

export interface ClientTable {
  client_id: string;
  /** Hydra client JSON without the secret, kept verbatim (metadata and localized names included). */
  data: string;
  /** scrypt hash of the client secret; null for public clients. */
  secret_hash: string | null;
  /** The secret sealed with TOBIRA_SECRET (common/seal.ts), for client_secret_jwt clients only (core/client-secrets.ts). */
  secret_sealed: string | null;
  /** Copies of `data`'s client_name and owner, for the list filters (null on rows older than 0006 until rewritten). */
  client_name: string | null;
  owner: string | null;
  created_at: number;
  updated_at: number;
}

export interface ConsentTable {
  /** One consent session per oidc-provider Grant: revoking it revokes every token under the grant. */
  grant_id: string;
  subject: string;
  client_id: string;
  challenge: string;
  login_challenge: string | null;
  login_session_id: string | null;
  grant_scope: string;
  grant_audience: string;
  remember: number;
  /** 1 when the UI confirmed a remembered decision (skip=true); such sessions are not listed. */
  skip: number;
  remember_for: number;
  handled_at: number;
  /** Milliseconds, so that two decisions within one second keep their order (null for older rows). */
  handled_at_ms: number | null;
  /** When the remembered decision stops being reused (null: indefinitely, Hydra's remember_for=0). */
  remember_until: number | null;
  /** Accept body's `session` ({access_token, id_token}). */
  session: string;
  /** Snapshot of the consent request as the UI saw it (without the client, which is read live). */
  request: string;
  expires_at: number;
  /** The consent accept's `context` (JSON text; null when the accept sent none). */
  context: string | null;
}

export interface LogoutTable {
  challenge: string;
  subject: string;
  sid: string;
  /** Current session cookie id at the time of the request (the session to end). */
  session_id: string;
  client_id: string | null;
  request_url: string;
  rp_initiated: number;
  post_logout_redirect_uri: string | null;
  state: string | null;
  /** pending | accepted | rejected | done */
  status: string;
  requested_at: number;
  expires_at: number;
}

/** Hydra's JSON Web Key sets; `hydra.openid.id-token` holds the ID token signing keys. */
export interface SigningKeyTable {
  /** The key set (Hydra's `sid`), e.g. `hydra.openid.id-token`. */
  set_id: string;
  kid: string;
  /** The JWK's `alg` ("" when it names none). */
  alg: string;
  /** The JWK as JSON text, private parts included when it has them. */
  jwk: string;
  created_at: number;
  /** Milliseconds: the newest key of a set is the one that signs, even within one second. */
  created_at_ms: number;
}

export interface DeviceChallengeTable {
  /** Hydra's `device_challenge`: one visit of the verification page. */
  challenge: string;
  /** oidc-provider's form secret for this browser session, replayed when the verifier comes back. */
  xsrf: string;
  /** Normalized user code, set when the UI accepted the challenge. */
  user_code: string | null;
  /** pending | accepted | used */
  status: string;
  expires_at: number;
}

/** A verifier an accept or reject answered with (Hydra's login/consent/logout/device verifier). */
export interface FlowVerifierTable {
  /** SHA-256 of the verifier (base64url); the verifier itself is never stored. */
  hash: string;
  /** login | consent | logout | device */
  kind: string;
  /** The challenge it continues: interaction uid, logout or device challenge. */
  challenge: string;
  expires_at: number;
  /** Set once, by the one request that continued the flow with it. */
  used_at: number | null;
}

/** What the core keeps for itself across restarts, sealed (core/settings.ts): the pairwise salt. */
export interface SealedSettingTable {
  name: string;
  /** common/seal.ts, bound to the name. */
  sealed: string;
  updated_at: number;
}

export interface CoreDB {
  oidc_payloads: PayloadTable;
  oidc_clients: ClientTable;
  consent_sessions: ConsentTable;
  logout_requests: LogoutTable;
  signing_keys: SigningKeyTable;
  device_challenges: DeviceChallengeTable;
  flow_verifiers: FlowVerifierTable;
  sealed_settings: SealedSettingTable;
}

export const migrations: Record<string, Migration> = {
  "0001_core": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("oidc_payloads")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("grant_id", "text")
        .addColumn("user_code", "text")
        .addColumn("uid", "text")
        .addColumn("subject", "text")
        .addColumn("client_id", "text")
        .addColumn("expires_at", "bigint")
        .addColumn("consumed_at", "bigint")
        .addPrimaryKeyConstraint("oidc_payloads_pk", ["kind", "id"])
        .execute();
      await db.schema.createIndex("oidc_payloads_grant_id").on("oidc_payloads").column("grant_id").execute();
      await db.schema.createIndex("oidc_payloads_user_code").on("oidc_payloads").column("user_code").execute();
      await db.schema.createIndex("oidc_payloads_uid").on("oidc_payloads").column("uid").execute();
      await db.schema
        .createIndex("oidc_payloads_subject")
        .on("oidc_payloads")
        .columns(["kind", "subject", "client_id"])
        .execute();
      await db.schema.createIndex("oidc_payloads_expires_at").on("oidc_payloads").column("expires_at").execute();

      await db.schema
        .createTable("oidc_clients")
        .addColumn("client_id", "text", (c) => c.primaryKey())
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("secret_hash", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("consent_sessions")
        .addColumn("grant_id", "text", (c) => c.primaryKey())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("client_id", "text", (c) => c.notNull())
        .addColumn("challenge", "text", (c) => c.notNull())
        .addColumn("login_challenge", "text")
        .addColumn("login_session_id", "text")
        .addColumn("grant_scope", "text", (c) => c.notNull())
        .addColumn("grant_audience", "text", (c) => c.notNull())
        .addColumn("remember", "integer", (c) => c.notNull())
        .addColumn("skip", "integer", (c) => c.notNull())
        .addColumn("remember_for", "bigint", (c) => c.notNull())
        .addColumn("handled_at", "bigint", (c) => c.notNull())
        .addColumn("remember_until", "bigint")
        .addColumn("session", "text", (c) => c.notNull())
        .addColumn("request", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("consent_sessions_subject")
        .on("consent_sessions")
        .columns(["subject", "client_id", "handled_at"])
        .execute();

      await db.schema
        .createTable("logout_requests")
        .addColumn("challenge", "text", (c) => c.primaryKey())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("sid", "text", (c) => c.notNull())
        .addColumn("session_id", "text", (c) => c.notNull())
        .addColumn("client_id", "text")
        .addColumn("request_url", "text", (c) => c.notNull())
        .addColumn("rp_initiated", "integer", (c) => c.notNull())
        .addColumn("post_logout_redirect_uri", "text")
        .addColumn("state", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("requested_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("signing_keys")
        .addColumn("kid", "text", (c) => c.primaryKey())
        .addColumn("alg", "text", (c) => c.notNull())
        .addColumn("jwk", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["signing_keys", "logout_requests", "consent_sessions", "oidc_clients", "oidc_payloads"]) {
        await sql`drop table if exists ${sql.table(table)}`.execute(db);
      }
    },
  },
  // Hydra keeps the consent accept's `context` with the consent session (Tobira's UI stores the
  // client's consent-metadata version and the declined optional scopes there).
  "0002_consent_context": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("consent_sessions").addColumn("context", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("consent_sessions").dropColumn("context").execute();
    },
  },
  "0003_device_challenges": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("device_challenges")
        .addColumn("challenge", "text", (c) => c.primaryKey())
        .addColumn("xsrf", "text", (c) => c.notNull())
        .addColumn("user_code", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table if exists device_challenges`.execute(db);
    },
  },
  // handled_at has one-second resolution; decisions made within the same second must still have a
  // definite "newest" (the one a later request is compared with).
  "0004_consent_handled_at_ms": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("consent_sessions").addColumn("handled_at_ms", "bigint").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("consent_sessions").dropColumn("handled_at_ms").execute();
    },
  },
  // Hydra's verifiers: the accept answers a random one, and only it continues the flow.
  "0005_flow_verifiers": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("flow_verifiers")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("challenge", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("used_at", "bigint")
        .execute();
      // One verifier per challenge: of two concurrent accepts, only one can answer with a verifier.
      await db.schema.createIndex("flow_verifiers_challenge").unique().on("flow_verifiers").columns(["kind", "challenge"]).execute();
      await db.schema.createIndex("flow_verifiers_expires_at").on("flow_verifiers").column("expires_at").execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table if exists flow_verifiers`.execute(db);
    },
  },
  // Hydra's admin API manages keys by set, and a kid is unique only within its set. The keys made
  // so far were all ID token signing keys. SQLite cannot change a primary key in place: rebuilt.
  "0006_signing_key_sets": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("signing_keys_by_set")
        .addColumn("set_id", "text", (c) => c.notNull())
        .addColumn("kid", "text", (c) => c.notNull())
        .addColumn("alg", "text", (c) => c.notNull())
        .addColumn("jwk", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("created_at_ms", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("signing_keys_set_kid_pk", ["set_id", "kid"])
        .execute();
      await sql`insert into signing_keys_by_set (set_id, kid, alg, jwk, created_at, created_at_ms)
        select ${sql.lit("hydra.openid.id-token")}, kid, alg, jwk, created_at, created_at * 1000 from signing_keys`.execute(db);
      await db.schema.dropTable("signing_keys").execute();
      await db.schema.alterTable("signing_keys_by_set").renameTo("signing_keys").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema
        .createTable("signing_keys_by_kid")
        .addColumn("kid", "text", (c) => c.primaryKey())
        .addColumn("alg", "text", (c) => c.notNull())
        .addColumn("jwk", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await sql`insert into signing_keys_by_kid (kid, alg, jwk, created_at)
        select kid, alg, jwk, created_at from signing_keys where set_id = ${sql.lit("hydra.openid.id-token")}`.execute(db);
      await db.schema.dropTable("signing_keys").execute();
      await db.schema.alterTable("signing_keys_by_kid").renameTo("signing_keys").execute();
    },
  },
  // Hydra's list filters (client_name, owner) must run before the page is cut, so they are
  // columns; client_secret_jwt needs its secret in a form the server can use (client-secrets.ts).
  "0007_client_columns": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("oidc_clients").addColumn("secret_sealed", "text").execute();
      await db.schema.alterTable("oidc_clients").addColumn("client_name", "text").execute();
      await db.schema.alterTable("oidc_clients").addColumn("owner", "text").execute();
      const clients = db as unknown as Kysely<CoreDB>;
      for (const row of await clients.selectFrom("oidc_clients").select(["client_id", "data"]).execute()) {
        const data = JSON.parse(row.data) as { client_name?: unknown; owner?: unknown };
        await clients
          .updateTable("oidc_clients")
          .set({ client_name: typeof data.client_name === "string" ? data.client_name : "", owner: typeof data.owner === "string" ? data.owner : "" })
          .where("client_id", "=", row.client_id)
          .execute();
      }
      await db.schema.createIndex("oidc_clients_client_name").on("oidc_clients").columns(["client_name", "client_id"]).execute();
      await db.schema.createIndex("oidc_clients_owner").on("oidc_clients").columns(["owner", "client_id"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("oidc_clients_owner").execute();
      await db.schema.dropIndex("oidc_clients_client_name").execute();
      for (const column of ["owner", "client_name", "secret_sealed"]) {
        await db.schema.alterTable("oidc_clients").dropColumn(column).execute();
      }
    },
  },
  // The default pairwise salt was derived from TOBIRA_SECRET: kept from now on, so that a new
  // secret does not change every pairwise subject.
  "0012_sealed_settings": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sealed_settings")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("sealed", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("sealed_settings").execute();
    },
  },
};
