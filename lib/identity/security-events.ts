import type { Kysely, Selectable } from "kysely";
import { nowSeconds } from "@/common/db/connect";
import type { IdentityDB, SecurityEventsTable } from "../db/schema";

// What happened to a person's account, for the person to see (/account/security): sign-ins,
// sign-outs, access granted and taken back. Addresses are stored masked to their network.

export const securityEventKinds = [
  "sign_in",
  "signed_out",
  "signed_out_everywhere",
  "consent_granted",
  "consent_revoked",
  "consent_revoked_all",
  /** The consent reached the end date the person agreed to and Tobira revoked it (lib/grants). */
  "consent_ended",
  "factor_added",
  "factor_removed",
  "recovery_codes_renewed",
] as const;

export type SecurityEventKind = (typeof securityEventKinds)[number];

export interface SecurityEvent {
  id: string;
  subject: string;
  kind: SecurityEventKind;
  clientId?: string;
  clientName?: string;
  network?: string;
  at: Date;
}

export interface NewSecurityEvent {
  subject: string;
  kind: SecurityEventKind;
  clientId?: string;
  clientName?: string;
  network?: string;
}

function isKind(value: string): value is SecurityEventKind {
  return (securityEventKinds as readonly string[]).includes(value);
}

function toEvent(row: Selectable<SecurityEventsTable>): SecurityEvent | undefined {
  if (!isKind(row.kind)) return undefined;
  return {
    id: row.id,
    subject: row.subject,
    kind: row.kind,
    clientId: row.client_id ?? undefined,
    clientName: row.client_name ?? undefined,
    network: row.network ?? undefined,
    at: new Date(Number(row.created_at) * 1000),
  };
}

export function securityEventsIn(db: Kysely<IdentityDB>) {
  return {
    async record(event: NewSecurityEvent): Promise<void> {
      await db
        .insertInto("security_events")
        .values({
          id: crypto.randomUUID(),
          subject: event.subject,
          kind: event.kind,
          client_id: event.clientId ?? null,
          client_name: event.clientName ?? null,
          network: event.network ?? null,
          created_at: nowSeconds(),
        })
        .execute();
    },

    /** The newest events first. */
    async recent(subject: string, limit = 50): Promise<SecurityEvent[]> {
      const rows = await db
        .selectFrom("security_events")
        .selectAll()
        .where("subject", "=", subject)
        .orderBy("created_at", "desc")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toEvent).filter((event): event is SecurityEvent => event !== undefined);
    },
  };
}

export type SecurityEvents = ReturnType<typeof securityEventsIn>;
