import { z } from "zod";
import { matchLanguageTag } from "@/common/i18n/match";

// What the operator registers about a client for the consent screen, in the client's Hydra
// `metadata` under `tobira` (README "Client metadata for the consent screen"). Hydra's metadata
// is set through the admin API only, so none of it is self-asserted by the client.

/** A text in one language, or per language tag ({"ja": "…", "en": "…"}). */
const localizedText = z.union([z.string().trim().min(1), z.record(z.string().min(1), z.string().trim().min(1))]);

const consentSchema = z.object({
  /** Changes whenever purpose, sharing, deletion or terms change: people are asked again. */
  version: z.union([z.string().min(1), z.number()]).transform(String).optional(),
  duration_days: z.number().positive().optional(),
  duration_seconds: z.number().int().positive().optional(),
  optional_scopes: z.array(z.string().min(1)).default([]),
  purpose: localizedText.optional(),
  third_parties: localizedText.optional(),
  deletion: localizedText.optional(),
  restrictions: localizedText.optional(),
  cautions: localizedText.optional(),
});

const tobiraSchema = z.object({
  verified: z.boolean().default(false),
  consent: consentSchema.default({ optional_scopes: [] }),
});

export type LocalizedText = z.infer<typeof localizedText>;
export type ClientConsentMetadata = z.infer<typeof tobiraSchema>;
export const aboutKeys = ["purpose", "third_parties", "deletion", "restrictions", "cautions"] as const;
export type AboutKey = (typeof aboutKeys)[number];

export type MetadataResult = { ok: true; metadata: ClientConsentMetadata } | { ok: false; metadata: ClientConsentMetadata; problems: string[] };

const fallback: ClientConsentMetadata = { verified: false, consent: { optional_scopes: [] } };

/** Reads `metadata.tobira`; a malformed entry counts as absent (unverified, nothing optional). */
export function readConsentMetadata(metadata: Record<string, unknown>): MetadataResult {
  const parsed = tobiraSchema.safeParse(metadata.tobira ?? {});
  if (parsed.success) return { ok: true, metadata: parsed.data };
  return { ok: false, metadata: fallback, problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
}

/** A text for the locale: exact tag, then same primary language, then the first one given. */
export function pickLocalized(value: LocalizedText | undefined, locale: string): { text: string; lang?: string } | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return { text: value };
  const tag = matchLanguageTag(Object.keys(value), locale);
  if (tag) return { text: value[tag] ?? "", lang: tag === locale ? undefined : tag };
  const [first] = Object.entries(value);
  return first ? { text: first[1], lang: first[0] } : undefined;
}
