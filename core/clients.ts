import crypto from "node:crypto";
import { sql } from "kysely";
import type { AdapterPayload } from "oidc-provider";
import { nowSeconds } from "../common/db/connect";
import type { KeyRing } from "../common/key-ring";
import { currentPrefix } from "../common/seal";
import { hydraJson, toProviderMetadata, type ClientView, type HydraClient } from "./client-model";
import { openSecret, sealSecret } from "./client-secrets";
import { num, type CoreDatabase } from "./db/store";

// OAuth 2.0 clients in Hydra's JSON shape (OAuth2Client, core/client-model.ts), stored in the
// core's DB and served to oidc-provider through the adapter's `Client` model, so a change through
// the admin API applies to the next request and survives restart. `client_name` and `owner` are
// also columns, so that the list filters run in SQL before the page is cut.

export {
  clientInputSchema,
  DEFAULT_SCOPE,
  normalizeClient,
  toProviderMetadata,
  type ClientInput,
  type ClientView,
  type HydraClient,
} from "./client-model";
export { generateSecret, hashSecret, verifySecret } from "./client-secrets";

export function generateClientId(): string {
  return crypto.randomUUID();
}

/** How a client's secret is kept (client-secrets.ts): the hash always, sealed for client_secret_jwt. */
export interface StoredSecret {
  hash: string | null;
  sealed: string | null;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

interface ClientRow {
  client_id: string;
  data: string;
  secret_hash: string | null;
  secret_sealed: string | null;
  created_at: number | string;
  updated_at: number | string;
}

function view(row: ClientRow): ClientView {
  return {
    ...hydraJson(JSON.parse(row.data) as HydraClient),
    created_at: iso(num(row.created_at) ?? 0),
    updated_at: iso(num(row.updated_at) ?? 0),
  };
}

const columns = (client: HydraClient) => ({ data: JSON.stringify(client), client_name: client.client_name, owner: client.owner });

export class ClientRepository {
  /** `ring` opens client_secret_jwt secrets (client-secrets.ts). */
  constructor(
    private readonly db: CoreDatabase,
    private readonly ring: KeyRing,
  ) {}

  private row(clientId: string): Promise<ClientRow | undefined> {
    return this.db.selectFrom("oidc_clients").selectAll().where("client_id", "=", clientId).executeTakeFirst();
  }

  async get(clientId: string): Promise<ClientView | undefined> {
    const row = await this.row(clientId);
    return row ? view(row) : undefined;
  }

  /** oidc-provider's Client model source. */
  async providerMetadata(clientId: string): Promise<AdapterPayload | undefined> {
    const row = await this.row(clientId);
    if (!row) return undefined;
    const client = hydraJson(JSON.parse(row.data) as HydraClient);
    const secret =
      client.token_endpoint_auth_method === "client_secret_jwt"
        ? (row.secret_sealed && openSecret(this.ring, clientId, row.secret_sealed)?.secret) || null
        : row.secret_hash;
    return toProviderMetadata(client, secret);
  }

  /** Undefined when a client with this id exists (one statement: two creates racing cannot both
   * pass a check made before it, and the loser is a conflict, not a constraint error). */
  async insert(client: HydraClient, secret: StoredSecret): Promise<ClientView | undefined> {
    const now = nowSeconds();
    const result = await this.db
      .insertInto("oidc_clients")
      .values({
        client_id: client.client_id,
        ...columns(client),
        secret_hash: secret.hash,
        secret_sealed: secret.sealed,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("client_id").doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return undefined;
    return { ...hydraJson(client), created_at: iso(now), updated_at: iso(now) };
  }

  /** `secret` undefined keeps the stored one. */
  async replace(client: HydraClient, secret: StoredSecret | undefined): Promise<ClientView | undefined> {
    const now = nowSeconds();
    const result = await this.db
      .updateTable("oidc_clients")
      .set({
        ...columns(client),
        updated_at: now,
        ...(secret ? { secret_hash: secret.hash, secret_sealed: secret.sealed } : {}),
      })
      .where("client_id", "=", client.client_id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    return this.get(client.client_id);
  }

  async secretOf(clientId: string): Promise<StoredSecret | undefined> {
    const row = await this.db.selectFrom("oidc_clients").select(["secret_hash", "secret_sealed"]).where("client_id", "=", clientId).executeTakeFirst();
    return row ? { hash: row.secret_hash, sealed: row.secret_sealed } : undefined;
  }

  /** Seals again with TOBIRA_SECRET the client_secret_jwt secrets a previous secret sealed (at
   * start, core/index.ts); each row changes only if nobody changed it meanwhile. */
  async resealSecrets(): Promise<{ resealed: number; unreadable: string[] }> {
    const prefix = currentPrefix(this.ring);
    const rows = await this.db
      .selectFrom("oidc_clients")
      .select(["client_id", "secret_sealed"])
      .where("secret_sealed", "is not", null)
      .where(sql<boolean>`substr(secret_sealed, 1, ${prefix.length}) <> ${prefix}`)
      .execute();
    const report = { resealed: 0, unreadable: [] as string[] };
    for (const { client_id: clientId, secret_sealed: sealed } of rows) {
      const opened = sealed ? openSecret(this.ring, clientId, sealed) : undefined;
      if (!sealed || !opened) {
        report.unreadable.push(clientId);
        continue;
      }
      const updated = await this.db
        .updateTable("oidc_clients")
        .set({ secret_sealed: sealSecret(this.ring, clientId, opened.secret) })
        .where("client_id", "=", clientId)
        .where("secret_sealed", "=", sealed)
        .executeTakeFirst();
      report.resealed += Number(updated.numUpdatedRows);
    }
    return report;
  }

  async delete(clientId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("oidc_clients").where("client_id", "=", clientId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Keyset pagination ordered by client_id; `after` is the last id of the previous page. Filters
   * run before the limit, so a filtered page is as full as an unfiltered one. */
  async list(options: { limit: number; after?: string; clientName?: string; owner?: string }): Promise<ClientView[]> {
    let query = this.db.selectFrom("oidc_clients").selectAll().orderBy("client_id").limit(options.limit);
    if (options.after) query = query.where("client_id", ">", options.after);
    if (options.clientName) query = query.where("client_name", "=", options.clientName);
    if (options.owner) query = query.where("owner", "=", options.owner);
    return (await query.execute()).map(view);
  }
}
