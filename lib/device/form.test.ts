import { describe, expect, it } from "vitest";
import { normalizeUserCode, readDeviceForm } from "./form";

describe("device user code", () => {
  it("ignores case, dashes, spaces and full-width input", () => {
    expect(normalizeUserCode("bcdf-ghjk")).toBe("BCDFGHJK");
    expect(normalizeUserCode(" BCDF GHJK ")).toBe("BCDFGHJK");
    expect(normalizeUserCode("ｂｃｄｆ－ｇｈｊｋ")).toBe("BCDFGHJK");
    expect(normalizeUserCode("BCDF–GHJK")).toBe("BCDFGHJK");
  });

  it("needs a usable challenge", () => {
    const form = (challenge: string) => {
      const data = new FormData();
      data.set("challenge", challenge);
      data.set("user_code", "bcdf-ghjk");
      return readDeviceForm(data);
    };
    expect(form("abc").data).toEqual({ challenge: "abc", userCode: "BCDFGHJK" });
    expect(form("a b").success).toBe(false);
  });
});
