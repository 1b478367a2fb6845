import { BlockList, isIP } from "node:net";

// The operator's network rule (the seed's "password inside the office, one-time password from
// outside"): TOBIRA_TRUSTED_NETWORKS lists CIDR blocks; a sign-in from any other address needs
// level 3. The address comes from X-Forwarded-For as set by the operator's reverse proxies:
// counting TOBIRA_PROXY_HOPS entries from the right skips what the client itself could have
// written there (the left part of the header is the client's to forge).

export type Networks = { ok: true; list: BlockList; blocks: string[] } | { ok: false; invalid: string };

export function parseNetworks(text: string): Networks {
  const list = new BlockList();
  const blocks = text.split(/[\s,]+/).filter(Boolean);
  for (const block of blocks) {
    const [address = "", prefixText, extra] = block.split("/");
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
      return { ok: false, invalid: block };
    }
    list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  return { ok: true, list, blocks };
}

/** ::ffff:192.0.2.1 is the IPv4 address 192.0.2.1 (how Node reports IPv4 peers on a dual stack). */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

/** The client's address: the entry `proxies` places from the right of X-Forwarded-For. */
export function clientAddress(forwardedFor: string | null | undefined, proxies: number): string | undefined {
  const chain = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const entry = chain[chain.length - Math.max(proxies, 1)];
  if (!entry) return undefined;
  const address = normalizeAddress(entry);
  return isIP(address) ? address : undefined;
}

/** Unknown addresses are outside: the rule fails closed. */
export function isTrusted(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const family = isIP(address);
  if (!family) return false;
  return list.check(address, family === 4 ? "ipv4" : "ipv6");
}
