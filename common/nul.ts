// PostgreSQL's text cannot hold NUL (U+0000), not even as a value to compare with: a query with
// one fails ("invalid byte sequence for encoding UTF8: 0x00") and became a 500. Nothing Tobira or
// its core stores contains one, so a value with NUL names nothing that exists: lookups find
// nothing and inputs are refused, on SQLite the same as on PostgreSQL.

/** Whether a string, or any string (key or value) inside arrays and objects, contains NUL. */
export function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value !== null && typeof value === "object") return Object.entries(value).some(([key, inner]) => key.includes("\u0000") || hasNul(inner));
  return false;
}
