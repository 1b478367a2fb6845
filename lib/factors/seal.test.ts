import { describe, expect, it } from "vitest";
import { openState, openText, sealState, sealText } from "./seal";

const secret = "a-test-secret-that-is-long-enough-0123456789";

describe("sealing", () => {
  it("opens only with the same secret, purpose and binding", () => {
    const sealed = sealText(secret, "totp", "JBSWY3DPEHPK3PXP", "account-1");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openText(secret, "totp", sealed, "account-1")).toBe("JBSWY3DPEHPK3PXP");
    expect(openText(secret, "totp", sealed, "account-2")).toBeUndefined();
    expect(openText(secret, "other", sealed, "account-1")).toBeUndefined();
    expect(openText(`${secret}x`, "totp", sealed, "account-1")).toBeUndefined();
  });

  it("refuses a tampered or malformed value", () => {
    const sealed = sealText(secret, "totp", "hello");
    const [v, iv, body = "", tag] = sealed.split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped.writeUInt8(flipped.readUInt8(0) ^ 1, 0);
    expect(openText(secret, "totp", [v, iv, flipped.toString("base64url"), tag].join("."))).toBeUndefined();
    expect(openText(secret, "totp", "garbage")).toBeUndefined();
    expect(openText(secret, "totp", `${sealed}.more`)).toBeUndefined();
  });

  it("lets state expire", () => {
    const now = Date.now();
    const sealed = sealState(secret, "pending", { challenge: "c" }, 60, now);
    expect(openState(secret, "pending", sealed, now + 59_000)).toEqual({ challenge: "c" });
    expect(openState(secret, "pending", sealed, now + 61_000)).toBeUndefined();
    expect(openState(secret, "pending", undefined, now)).toBeUndefined();
  });
});
