// Client addresses kept or logged only as far as their network (the activity list, logs).

/**
 * An address reduced to its network, so the list can say "this network / another network"
 * without keeping where exactly someone was: IPv4 keeps /24, IPv6 keeps /48.
 */
export function maskAddress(address: string | null | undefined): string | undefined {
  if (!address) return undefined;
  const value = address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.x`;
  if (!value.includes(":") || !/^[0-9a-f:]+$/i.test(value)) return undefined;
  const [head = "", tail = ""] = value.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const full = value.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  if (full.length !== 8) return undefined;
  if (full.every((part, i) => (i < 7 ? Number.parseInt(part, 16) === 0 : Number.parseInt(part, 16) === 1))) return "::1";
  return `${full.slice(0, 3).map((part) => Number.parseInt(part, 16).toString(16)).join(":")}::/48`;
}
