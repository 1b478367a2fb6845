import { z } from "zod";

// The scope catalogue: operator configuration (a JSON file, README "Scope catalogue") saying for
// every scope how risky it is, whether it is asked every time, which assurance level it needs and
// which data items it covers. Its texts live in locales/<locale>.json under Scopes.<scope>.
// Rendering and the flow's decisions both read it; an unknown scope is never treated as known.

const messageKey = z.string().regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and - only (it is a message key)");

export const scopeEntrySchema = z.strictObject({
  /** read: sees data; write: changes data; payment: moves money. */
  risk: z.enum(["read", "write", "payment"]),
  /** Asked every time, never remembered (CONSENT.md §2). */
  per_use: z.boolean().default(false),
  /** 2 = password, 3 = password plus a second factor (CONSENT.md §3). */
  assurance: z.union([z.literal(2), z.literal(3)]).default(2),
  /** Data item keys; their texts are Scopes.<scope>.items.<item>. */
  items: z.array(messageKey).default([]),
});

export const catalogueSchema = z.strictObject({
  $comment: z.string().optional(),
  consent: z
    .strictObject({
      /** How long a consent lasts when the client's metadata does not say (days). */
      default_days: z.number().positive().default(365),
      /** The longest consent any client may ask for (days). */
      max_days: z.number().positive().default(365),
    })
    .default({ default_days: 365, max_days: 365 }),
  scopes: z.record(messageKey, scopeEntrySchema),
  /** RFC 9396 types Tobira can show (payment_initiation), with the assurance each needs. */
  authorization_details_types: z
    .partialRecord(z.enum(["payment_initiation"]), z.strictObject({ assurance: z.union([z.literal(2), z.literal(3)]).default(2) }))
    .default({}),
});

export type Catalogue = z.infer<typeof catalogueSchema>;
export type ScopeEntry = z.infer<typeof scopeEntrySchema>;
export type Risk = ScopeEntry["risk"];

/** `offline_access` (and Hydra's `offline`) is not a data item: it makes access continuous. */
export const OFFLINE_SCOPES: readonly string[] = ["offline_access", "offline"];

export const isOffline = (scope: string) => OFFLINE_SCOPES.includes(scope);

export function parseCatalogue(json: unknown): { ok: true; catalogue: Catalogue } | { ok: false; problems: string[] } {
  const parsed = catalogueSchema.safeParse(json);
  if (parsed.success) {
    if (parsed.data.consent.default_days > parsed.data.consent.max_days) {
      return { ok: false, problems: ["consent.default_days: must not exceed consent.max_days"] };
    }
    return { ok: true, catalogue: parsed.data };
  }
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`) };
}

export function entryFor(catalogue: Catalogue, scope: string): ScopeEntry | undefined {
  return Object.hasOwn(catalogue.scopes, scope) ? catalogue.scopes[scope] : undefined;
}

/** True when the request contains a scope the operator marked per-use. */
export function hasPerUseScope(catalogue: Catalogue, scopes: readonly string[]): boolean {
  return scopes.some((scope) => entryFor(catalogue, scope)?.per_use === true);
}
