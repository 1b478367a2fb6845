import { BlockList, isIP } from "node:net";

// The operator's network rule (the seed's "password inside the office, one-time password from
// outside"): TOBIRA_TRUSTED_NETWORKS lists CIDR blocks; a sign-in from any other address needs
// level 3. The address is lib/security/client-address.ts's.

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

/** Unknown addresses are outside: the rule fails closed. */
export function isTrusted(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const family = isIP(address);
  if (!family) return false;
  return list.check(address, family === 4 ? "ipv4" : "ipv6");
}
