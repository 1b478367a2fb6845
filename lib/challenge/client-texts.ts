import { matchLanguageTag } from "@/common/i18n/match";
import type { Client } from "./types";

// What a page shows of a client: its name and links in the person's language, and only links
// that are plain web URLs. Every screen that names an app reads it here.

type LocalizedField = "client_name" | "logo_uri" | "tos_uri" | "policy_uri";

/**
 * A client field in the person's language (OIDC Dynamic Registration §2.1: `client_name#ja`),
 * from the client's top-level language-tagged fields or, failing that, from its metadata (where
 * Hydra v2.3 keeps them: it drops unknown top-level fields).
 */
export function localizedClientField(client: Client, field: LocalizedField, locale: string): string | undefined {
  for (const source of [client.localized, client.metadata]) {
    const variants = Object.entries(source)
      .filter((entry): entry is [string, string] => entry[0].startsWith(`${field}#`) && typeof entry[1] === "string" && entry[1].trim() !== "")
      .map(([key, value]) => [key.slice(field.length + 1), value] as const);
    const tag = matchLanguageTag(variants.map(([t]) => t), locale);
    const found = variants.find(([t]) => t === tag)?.[1];
    if (found) return found;
  }
  return undefined;
}

/** The client's name for the person: `client_name#<locale>`, else `client_name`. */
export function clientName(client: Client, locale: string): string {
  return localizedClientField(client, "client_name", locale) ?? client.name;
}

/** Client-supplied links and logos are shown only when they are plain web URLs. */
export function webUrl(value: string | undefined): string | undefined {
  if (!value || !URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === "https:" || protocol === "http:" ? value : undefined;
}

/** The client's logo and documents for the person, each in their language when given. */
export function clientLinks(client: Client, locale: string) {
  return {
    logoUri: webUrl(localizedClientField(client, "logo_uri", locale) ?? client.logoUri),
    tosUri: webUrl(localizedClientField(client, "tos_uri", locale) ?? client.tosUri),
    policyUri: webUrl(localizedClientField(client, "policy_uri", locale) ?? client.policyUri),
  };
}
