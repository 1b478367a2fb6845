import type { Locale } from "../i18n/routing";

// What a client's operator-set metadata says about branding and texts. Only `metadata` counts:
// it is set by the operator through the admin API, whereas client_name, logo_uri and the like
// are self-asserted at registration and never become a brand (DESIGN.md "Branding and texts").
//
//   "metadata": { "tobira": {
//     "brand": "sakura",
//     "texts": { "en": { "client_name": "Household budget", "purpose": "…" }, "ar": { … } } } }

export interface ClientTexts {
  clientName?: string;
  purpose?: string;
}

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

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim().slice(0, 500) : undefined);

/** The client's texts in a locale, from metadata.tobira.texts.<locale>. */
export function clientTextsFor(metadata: Record<string, unknown> | undefined, locale: Locale): ClientTexts {
  const texts = tobira(metadata).texts;
  const forLocale = typeof texts === "object" && texts !== null ? (texts as Record<string, unknown>)[locale] : undefined;
  if (typeof forLocale !== "object" || forLocale === null) return {};
  const entry = forLocale as Record<string, unknown>;
  return { clientName: text(entry.client_name), purpose: text(entry.purpose) };
}
