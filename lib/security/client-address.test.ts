import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("takes the entry the trusted proxies vouch for, not what the client wrote", () => {
    expect(clientAddress("203.0.113.5", 1)).toBe("203.0.113.5");
    expect(clientAddress("1.2.3.4, 203.0.113.5", 1)).toBe("203.0.113.5");
    expect(clientAddress("1.2.3.4, 203.0.113.5, 10.0.0.2", 2)).toBe("203.0.113.5");
    expect(clientAddress("::ffff:127.0.0.1", 1)).toBe("127.0.0.1");
  });

  it("gives no address rather than one the client may have written", () => {
    // Fewer entries than trusted proxies: the left-most would be the client's own text.
    expect(clientAddress("203.0.113.5", 3)).toBeUndefined();
    expect(clientAddress("evil, 203.0.113.5", 1)).toBe("203.0.113.5");
    expect(clientAddress("203.0.113.5, <script>", 1)).toBeUndefined();
    expect(clientAddress(null, 1)).toBeUndefined();
  });
});
