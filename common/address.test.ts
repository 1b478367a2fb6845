import { describe, expect, it } from "vitest";
import { maskAddress } from "./address";

describe("maskAddress", () => {
  it("keeps only the network", () => {
    expect(maskAddress("203.0.113.77")).toBe("203.0.113.x");
    expect(maskAddress("::ffff:127.0.0.1")).toBe("127.0.0.x");
    expect(maskAddress("2001:db8:85a3::8a2e:370:7334")).toBe("2001:db8:85a3::/48");
    expect(maskAddress("::1")).toBe("::1");
    expect(maskAddress("not an address")).toBeUndefined();
    expect(maskAddress(undefined)).toBeUndefined();
  });
});
