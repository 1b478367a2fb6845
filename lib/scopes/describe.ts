import { z } from "zod";
import { entryFor, type Catalogue, type ScopeEntry } from "./catalogue";

// Requested scopes described through the catalogue. An unknown scope is shown by its raw name
// with an "unrecognised permission" warning, never dropped (CONSENT.md §1.2).

export type ScopeItem = { scope: string; known: true; entry: ScopeEntry } | { scope: string; known: false };

export function describeScopes(requested: readonly string[], catalogue: Catalogue): ScopeItem[] {
  return [...new Set(requested)].map((scope) => {
    const entry = entryFor(catalogue, scope);
    return entry ? { scope, known: true, entry } : { scope, known: false };
  });
}

const scopeTextsSchema = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
  items: z.record(z.string(), z.string().min(1)).optional(),
});

export interface ScopeTexts {
  title: string;
  description: string;
  items: string[];
}

/**
 * A scope's texts from one locale's `Scopes` namespace: title, description and one text per
 * catalogue item. Incomplete texts count as none, so the scope is shown as unrecognised rather
 * than half-explained.
 */
export function scopeTexts(namespace: unknown, scope: string, entry: ScopeEntry): ScopeTexts | undefined {
  if (typeof namespace !== "object" || namespace === null || !Object.hasOwn(namespace, scope)) return undefined;
  const parsed = scopeTextsSchema.safeParse((namespace as Record<string, unknown>)[scope]);
  if (!parsed.success) return undefined;
  const items = entry.items.map((item) => parsed.data.items?.[item]);
  if (items.some((text) => text === undefined)) return undefined;
  return { title: parsed.data.title, description: parsed.data.description, items: items as string[] };
}
