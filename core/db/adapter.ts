import type { Adapter, AdapterPayload } from "oidc-provider";
import { nowSeconds } from "../../common/db/connect";
import { hasNul } from "../../common/nul";
import { num, type CoreDatabase } from "./store";

// oidc-provider's storage contract (example/my_adapter.js upstream) on one SQL table of payloads.
// Rules:
// - find* never returns an expired row (expires_at <= now) — the provider relies on it.
// - consume() keeps the row and stamps `consumed`, so reuse of a code is detected; it stamps
//   only an unstamped row and throws AlreadyConsumed otherwise. oidc-provider reads `consumed`
//   on find and consumes later: two requests with one code (or refresh token, device code)
//   could both pass the read; of the two stamps only one may succeed (internals.ts turns the
//   loser into the "already consumed" answer).
// - Interactions are kept (marked destroyed) until they expire so the admin API can answer 410
//   Gone for a challenge that was already used, like Hydra, instead of 404.
// - Clients are not stored here: the `Client` model reads the admin API's clients table.

export type ClientLookup = (clientId: string) => Promise<AdapterPayload | undefined>;

export interface StoredInteraction {
  payload: AdapterPayload;
  destroyed: boolean;
}

/** The single-use payload was consumed (or removed) after it was read: the caller lost a race. */
export class AlreadyConsumed extends Error {
  override name = "AlreadyConsumed";
}

export function createAdapterFactory(db: CoreDatabase, lookupClient: ClientLookup) {
  return (name: string): Adapter => (name === "Client" ? new ClientAdapter(lookupClient) : new SqlAdapter(db, name));
}

class SqlAdapter implements Adapter {
  constructor(
    private readonly db: CoreDatabase,
    private readonly kind: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const row = {
      kind: this.kind,
      id,
      payload: JSON.stringify(payload),
      grant_id: payload.grantId ?? null,
      user_code: payload.userCode ?? null,
      uid: payload.uid ?? null,
      subject: payload.accountId ?? null,
      client_id: payload.clientId ?? null,
      expires_at: expiresIn ? nowSeconds() + expiresIn : null,
      consumed_at: null,
    };
    await this.db
      .insertInto("oidc_payloads")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["kind", "id"]).doUpdateSet({
          payload: row.payload,
          grant_id: row.grant_id,
          user_code: row.user_code,
          uid: row.uid,
          subject: row.subject,
          client_id: row.client_id,
          expires_at: row.expires_at,
          consumed_at: null,
        }),
      )
      .execute();
  }

  find(id: string) {
    return this.findBy("id", id);
  }

  findByUid(uid: string) {
    return this.findBy("uid", uid);
  }

  findByUserCode(userCode: string) {
    return this.findBy("user_code", userCode);
  }

  async consume(id: string): Promise<void> {
    const result = await this.db
      .updateTable("oidc_payloads")
      .set({ consumed_at: nowSeconds() })
      .where("kind", "=", this.kind)
      .where("id", "=", id)
      .where("consumed_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AlreadyConsumed(`${this.kind} was consumed already`);
  }

  async destroy(id: string): Promise<void> {
    if (this.kind === "Interaction") {
      await this.db
        .updateTable("oidc_payloads")
        .set({ consumed_at: nowSeconds() })
        .where("kind", "=", this.kind)
        .where("id", "=", id)
        .where("consumed_at", "is", null)
        .execute();
      return;
    }
    await this.db.deleteFrom("oidc_payloads").where("kind", "=", this.kind).where("id", "=", id).execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.deleteFrom("oidc_payloads").where("kind", "=", this.kind).where("grant_id", "=", grantId).execute();
  }

  private async findBy(column: "id" | "uid" | "user_code", value: string): Promise<AdapterPayload | undefined> {
    // A token, code or interaction id from the request with NUL names nothing (common/nul.ts).
    if (hasNul(value)) return undefined;
    const row = await this.db
      .selectFrom("oidc_payloads")
      .select(["payload", "expires_at", "consumed_at"])
      .where("kind", "=", this.kind)
      .where(column, "=", value)
      .executeTakeFirst();
    if (!row) return undefined;
    const expiresAt = num(row.expires_at);
    if (expiresAt !== undefined && expiresAt <= nowSeconds()) return undefined;
    const consumedAt = num(row.consumed_at);
    if (consumedAt !== undefined && this.kind === "Interaction") return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return consumedAt !== undefined ? { ...payload, consumed: consumedAt } : payload;
  }
}

class ClientAdapter implements Adapter {
  constructor(private readonly lookup: ClientLookup) {}
  find(id: string) {
    return hasNul(id) ? Promise.resolve(undefined) : this.lookup(id);
  }
  async upsert(): Promise<void> {
    throw new Error("clients are managed through the admin API");
  }
  async findByUid() {
    return undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(): Promise<void> {}
  async destroy(): Promise<void> {}
  async revokeByGrantId(): Promise<void> {}
}

/** The admin API's view of an interaction, including one already used (destroyed). */
export async function findInteraction(db: CoreDatabase, uid: string): Promise<StoredInteraction | undefined> {
  if (hasNul(uid)) return undefined;
  const row = await db
    .selectFrom("oidc_payloads")
    .select(["payload", "expires_at", "consumed_at"])
    .where("kind", "=", "Interaction")
    .where("id", "=", uid)
    .executeTakeFirst();
  if (!row) return undefined;
  const expiresAt = num(row.expires_at);
  if (expiresAt !== undefined && expiresAt <= nowSeconds()) return undefined;
  return { payload: JSON.parse(row.payload) as AdapterPayload, destroyed: num(row.consumed_at) !== undefined };
}

/** Grant ids of a subject (optionally for one client), newest last. Needs the subject index. */
export async function grantIdsOf(db: CoreDatabase, subject: string, clientId?: string): Promise<string[]> {
  let query = db.selectFrom("oidc_payloads").select("id").where("kind", "=", "Grant").where("subject", "=", subject);
  if (clientId) query = query.where("client_id", "=", clientId);
  return (await query.execute()).map((r) => r.id);
}

/** Session payloads of a subject (login sessions across browsers). */
export async function sessionIdsOf(db: CoreDatabase, subject: string): Promise<string[]> {
  const rows = await db
    .selectFrom("oidc_payloads")
    .select("id")
    .where("kind", "=", "Session")
    .where("subject", "=", subject)
    .execute();
  return rows.map((r) => r.id);
}

/** Removes rows past their expiry; called periodically. */
export async function sweepExpired(db: CoreDatabase): Promise<void> {
  const now = nowSeconds();
  await db.deleteFrom("oidc_payloads").where("expires_at", "<=", now).execute();
  await db.deleteFrom("consent_sessions").where("expires_at", "<=", now).execute();
  await db.deleteFrom("logout_requests").where("expires_at", "<=", now).execute();
  await db.deleteFrom("device_challenges").where("expires_at", "<=", now).execute();
  await db.deleteFrom("flow_verifiers").where("expires_at", "<=", now).execute();
}
