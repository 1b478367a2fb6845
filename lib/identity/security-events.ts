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

/**
 * An address reduced to its network, so the list can say "this network / another network"
 * without keeping where exactly someone was: IPv4 keeps /24, IPv6 keeps /48.
 */
export function maskAddress(address: string | null | undefined): string | undefined {
  if (!address) return undefined;
  const value = address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.x`;
  if (!value.includes(":") || !/^[0-9a-f:]+$/i.test(value)) return undefined;
  const [head = "", tail = ""] = value.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const full = value.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  if (full.length !== 8) return undefined;
  if (full.every((part, i) => (i < 7 ? Number.parseInt(part, 16) === 0 : Number.parseInt(part, 16) === 1))) return "::1";
  return `${full.slice(0, 3).map((part) => Number.parseInt(part, 16).toString(16)).join(":")}::/48`;
}
