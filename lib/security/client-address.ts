// The client's address for throttling. X-Forwarded-For lists the hops, each proxy appending the
// address it saw; entries added by the client itself are on the left and cannot be trusted.
// With `hops` trusted proxies (Next.js itself counts as one when it faces the internet: it sets
// the header from the socket when absent), the client is that many entries from the right.

export function clientAddress(forwardedFor: string | null, hops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  const index = Math.max(0, entries.length - Math.max(1, hops));
  return (entries[index] ?? "unknown").replace(/^::ffff:/, "");
}
