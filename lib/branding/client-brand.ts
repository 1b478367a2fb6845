// Which brand the operator assigned to a client: `metadata.tobira.brand`. Only `metadata` counts:
// it is set by the operator through the admin API, whereas client_name, logo_uri and the like
// are self-asserted at registration and never become a brand (DESIGN.md "Branding and texts").
// The client's localised texts are read by lib/consent/metadata.ts (client_name#<locale>,
// metadata.tobira.consent.purpose, …).

function tobira(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  const value = metadata?.tobira;
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const BRAND_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The brand the operator assigned to a client, if the value is a well-formed brand name. */
export function brandIdOf(metadata: Record<string, unknown> | undefined): string | undefined {
  const brand = tobira(metadata).brand;
  return typeof brand === "string" && BRAND_ID.test(brand) ? brand : undefined;
}
