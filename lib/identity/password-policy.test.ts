import { describe, expect, it } from "vitest";
import { checkNewPassword } from "./password-policy";

describe("checkNewPassword (NIST SP 800-63B)", () => {
  it("needs at least 8 characters, counted as code points", () => {
    expect(checkNewPassword("short12")).toBe("tooShort");
    expect(checkNewPassword("とびらを開けて")).toBe("tooShort");
    expect(checkNewPassword("とびらを開けてね")).toBeUndefined();
  });

  it("counts the characters of the password as it is hashed (NFC), however it was typed", () => {
    // Seven characters; typed with combining accents they are nine code points.
    expect(checkNewPassword("cafe\u0301te\u0301r")).toBe("tooShort");
    expect(checkNewPassword("cafe\u0301te\u0301ri")).toBeUndefined();
  });

  it("allows long passphrases with spaces and no composition rules", () => {
    expect(checkNewPassword("correct horse battery staple")).toBeUndefined();
    expect(checkNewPassword("x".repeat(64) + "-unusual")).toBeUndefined();
    expect(checkNewPassword("a".repeat(257))).toBe("tooLong");
  });

  it("refuses common and breached passwords, whatever the case", () => {
    expect(checkNewPassword("password")).toBe("common");
    expect(checkNewPassword("PassWord")).toBe("common");
    expect(checkNewPassword("12345678")).toBe("common");
    expect(checkNewPassword("qwertyuiop")).toBe("common");
    expect(checkNewPassword("ＰＡＳＳＷＯＲＤ")).toBe("common");
  });

  it("refuses the account's own name or address", () => {
    expect(checkNewPassword("hanako@example.com", ["hanako@example.com"])).toBe("containsIdentifier");
    expect(checkNewPassword("hanako.yamada", ["hanako.yamada@example.com"])).toBe("containsIdentifier");
    expect(checkNewPassword("hanako.yamada is me", ["hanako.yamada@example.com"])).toBeUndefined();
  });
});
