// Message keys as dotted paths ("Login.errors.expired"), for completeness checks and for
// validating brands' per-key overrides.

export function messageKeys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => messageKeys(child, prefix ? `${prefix}.${key}` : key));
}

/** A copy of `messages` with dotted-key overrides applied ({"Login.title": "…"}). */
export function withOverrides<T extends object>(messages: T, overrides: Readonly<Record<string, string>> | undefined): T {
  if (!overrides || Object.keys(overrides).length === 0) return messages;
  const copy = structuredClone(messages) as Record<string, unknown>;
  for (const [key, text] of Object.entries(overrides)) {
    const parts = key.split(".");
    const last = parts.pop();
    let node: Record<string, unknown> | undefined = copy;
    for (const part of parts) node = typeof node?.[part] === "object" ? (node[part] as Record<string, unknown>) : undefined;
    // Only existing string leaves are replaced; brand validation already refused unknown keys.
    if (node && last && typeof node[last] === "string") node[last] = text;
  }
  return copy as T;
}
