/** A client's self-asserted name, isolated so markup or bidi overrides in it cannot disguise
 * the surrounding text (CONSENT.md §1.1). React escapes it; <bdi> isolates its direction. */
export function ClientName({ name, fallback }: { name: string; fallback: string }) {
  return <bdi className="font-semibold">{name.trim() || fallback}</bdi>;
}
