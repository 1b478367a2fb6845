import { isIP } from "node:net";

// The client's address, for throttles, the network rule and the security activity alike.
// X-Forwarded-For lists the hops, each proxy appending the address it saw; entries the client
// wrote itself are on the left and cannot be trusted. With `hops` trusted proxies (Next.js itself
// counts as one when it faces the internet: it sets the header from the socket when absent), the
// client is that many entries from the right; a shorter header, or an entry that is not an
// address, gives no address (the callers fail closed).

/** ::ffff:192.0.2.1 is the IPv4 address 192.0.2.1 (how Node reports IPv4 peers on a dual stack). */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

/** The entry `proxies` places from the right of X-Forwarded-For, when it is an address. */
export function clientAddress(forwardedFor: string | null | undefined, proxies: number): string | undefined {
  const chain = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const entry = chain[chain.length - Math.max(proxies, 1)];
  if (!entry) return undefined;
  const address = normalizeAddress(entry);
  return isIP(address) ? address : undefined;
}

