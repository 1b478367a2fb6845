// PostgreSQL's text cannot hold NUL (U+0000), not even as a value to compare with: a query with
// one fails ("invalid byte sequence for encoding UTF8: 0x00") and became a 500. Nothing Tobira or
// its core stores contains one, so a value with NUL names nothing that exists: lookups find
// nothing and inputs are refused, on SQLite the same as on PostgreSQL.

/** Whether a string, or any string (key or value) inside arrays and objects, contains NUL.
 * Walked with a list, not recursion: a hostile body nested thousands deep must not overflow the
 * stack. */
export function hasNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") {
      if (next.includes("\u0000")) return true;
    } else if (Array.isArray(next)) {
      pending.push(...next);
    } else if (next !== null && typeof next === "object") {
      for (const [key, inner] of Object.entries(next)) {
        if (key.includes("\u0000")) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}
