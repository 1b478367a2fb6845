import { nowSeconds } from "../common/db/connect";
import type { ConsentTable } from "./db/schema";
import { num, type CoreDatabase } from "./db/store";

// Consent sessions: Hydra's "handled consent request" for a subject + client, one per
// oidc-provider Grant. `remember` decides whether a later authorization may skip the consent
// screen (per subject + client, not per browser); the `session` claims feed ID tokens, userinfo
// and introspection for every token issued under the grant.

export type JsonObject = Record<string, unknown>;

export interface ConsentSessionClaims {
  access_token: JsonObject;
  id_token: JsonObject;
}

export interface ConsentRecord {
  grantId: string;
  subject: string;
  clientId: string;
  challenge: string;
  loginChallenge?: string;
  loginSessionId?: string;
  grantScope: string[];
  grantAudience: string[];
  remember: boolean;
  skip: boolean;
  rememberFor: number;
  handledAt: number;
  /** handledAt in milliseconds (orders decisions made within one second). */
  handledAtMs: number;
  rememberUntil?: number;
  session: ConsentSessionClaims;
  /** The consent request (Hydra OAuth2ConsentRequest without `client`) as it was accepted. */
  request: JsonObject;
  expiresAt: number;
  /** The accept body's `context`, when it sent one. */
  context?: unknown;
}

function fromRow(row: ConsentTable): ConsentRecord {
  return {
    grantId: row.grant_id,
    subject: row.subject,
    clientId: row.client_id,
    challenge: row.challenge,
    loginChallenge: row.login_challenge ?? undefined,
    loginSessionId: row.login_session_id ?? undefined,
    grantScope: JSON.parse(row.grant_scope) as string[],
    grantAudience: JSON.parse(row.grant_audience) as string[],
    remember: Number(row.remember) === 1,
    skip: Number(row.skip) === 1,
    rememberFor: num(row.remember_for) ?? 0,
    handledAt: num(row.handled_at) ?? 0,
    handledAtMs: num(row.handled_at_ms) ?? (num(row.handled_at) ?? 0) * 1000,
    rememberUntil: num(row.remember_until),
    session: JSON.parse(row.session) as ConsentSessionClaims,
    request: JSON.parse(row.request) as JsonObject,
    expiresAt: num(row.expires_at) ?? 0,
    context: row.context === null || row.context === undefined ? undefined : (JSON.parse(row.context) as unknown),
  };
}

/**
 * The version of a client's consent metadata (`metadata.tobira.consent.version`, docs in the
 * README) and the version a consent decision was made under (the accept's
 * `context.tobira.consent_version`, written by Tobira's UI). Different → ask again.
 */
export function consentVersionOf(metadata: unknown): string | undefined {
  const version = path(metadata, ["tobira", "consent", "version"]);
  return typeof version === "string" || typeof version === "number" ? String(version) : undefined;
}

export function contextConsentVersionOf(context: unknown): string | undefined {
  const version = path(context, ["tobira", "consent_version"]);
  return typeof version === "string" || typeof version === "number" ? String(version) : undefined;
}

function path(value: unknown, keys: string[]): unknown {
  let node = value;
  for (const key of keys) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export class ConsentRepository {
  constructor(private readonly db: CoreDatabase) {}

  async save(record: ConsentRecord): Promise<void> {
    const row: ConsentTable = {
      grant_id: record.grantId,
      subject: record.subject,
      client_id: record.clientId,
      challenge: record.challenge,
      login_challenge: record.loginChallenge ?? null,
      login_session_id: record.loginSessionId ?? null,
      grant_scope: JSON.stringify(record.grantScope),
      grant_audience: JSON.stringify(record.grantAudience),
      remember: record.remember ? 1 : 0,
      skip: record.skip ? 1 : 0,
      remember_for: record.rememberFor,
      handled_at: record.handledAt,
      handled_at_ms: record.handledAtMs,
      remember_until: record.rememberUntil ?? null,
      session: JSON.stringify(record.session),
      request: JSON.stringify(record.request),
      expires_at: record.expiresAt,
      context: record.context === undefined ? null : JSON.stringify(record.context),
    };
    await this.db.insertInto("consent_sessions").values(row).execute();
  }

  async byGrant(grantId: string): Promise<ConsentRecord | undefined> {
    const row = await this.db
      .selectFrom("consent_sessions")
      .selectAll()
      .where("grant_id", "=", grantId)
      .where("expires_at", ">", nowSeconds())
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** The newest remembered, unexpired decision of this subject for this client. */
  async remembered(subject: string, clientId: string): Promise<ConsentRecord | undefined> {
    const now = nowSeconds();
    const row = await this.db
      .selectFrom("consent_sessions")
      .selectAll()
      .where("subject", "=", subject)
      .where("client_id", "=", clientId)
      .where("remember", "=", 1)
      .where("expires_at", ">", now)
      .where((eb) => eb.or([eb("remember_until", "is", null), eb("remember_until", ">", now)]))
      .orderBy("handled_at", "desc")
      .orderBy("handled_at_ms", "desc")
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /**
   * Hydra's listing: remembered decisions the person actually made (skip=false), newest first;
   * `offset` pagination (page tokens are opaque to callers).
   */
  async listBySubject(subject: string, options: { limit: number; offset: number; clientId?: string }): Promise<ConsentRecord[]> {
    let query = this.listed(subject).selectAll();
    if (options.clientId) query = query.where("client_id", "=", options.clientId);
    const rows = await query.orderBy("handled_at", "desc").orderBy("handled_at_ms", "desc").orderBy("grant_id").limit(options.limit).offset(options.offset).execute();
    return rows.map(fromRow);
  }

  /** How many listBySubject has in all (Hydra's X-Total-Count). */
  async countBySubject(subject: string): Promise<number> {
    const row = await this.listed(subject).select((eb) => eb.fn.countAll().as("count")).executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** The consent sessions Hydra lists: remembered, not skipped, not ended. */
  private listed(subject: string) {
    return this.db
      .selectFrom("consent_sessions")
      .where("subject", "=", subject)
      .where("remember", "=", 1)
      .where("skip", "=", 0)
      .where("expires_at", ">", nowSeconds());
  }

  /** Grant ids affected by a revocation (subject, optionally one client). */
  async grantIds(subject: string, clientId?: string): Promise<string[]> {
    let query = this.db.selectFrom("consent_sessions").select("grant_id").where("subject", "=", subject);
    if (clientId) query = query.where("client_id", "=", clientId);
    return (await query.execute()).map((r) => r.grant_id);
  }

  async deleteGrant(grantId: string): Promise<void> {
    await this.db.deleteFrom("consent_sessions").where("grant_id", "=", grantId).execute();
  }

  async deleteForClient(clientId: string): Promise<string[]> {
    const ids = (await this.db.selectFrom("consent_sessions").select("grant_id").where("client_id", "=", clientId).execute()).map(
      (r) => r.grant_id,
    );
    await this.db.deleteFrom("consent_sessions").where("client_id", "=", clientId).execute();
    return ids;
  }
}
