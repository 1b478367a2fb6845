import crypto from "node:crypto";
import type { Client } from "oidc-provider";

// OIDC Core 8.1 pairwise subject identifiers, computed the way Hydra does
// (consent/subject_identifier_algorithm_pairwise.go): hex SHA-256 of sector || subject || salt,
// where the sector is the client's sector_identifier_uri verbatim, else the host of its only
// redirect URI. With Hydra's `oidc.subject_identifiers.pairwise.salt` configured, a client moved
// from Hydra keeps the subjects its users had there.

export function pairwiseSubject(client: Pick<Client, "sectorIdentifierUri" | "redirectUris">, subject: string, salt: string): string {
  const sector = client.sectorIdentifierUri ?? new URL(client.redirectUris?.[0] ?? "").host;
  return crypto.createHash("sha256").update(sector + subject + salt).digest("hex");
}
