import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode } from "./base32";
import { formatKey, hotp, matchTotp, normalizeCode, otpauthUri, stepAt, totpAt } from "./totp";

const ascii = (text: string) => new TextEncoder().encode(text);

describe("base32", () => {
  it("round-trips and follows RFC 4648 §10", () => {
    expect(base32Encode(ascii("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Encode(ascii("f"))).toBe("MY");
    expect(Buffer.from(base32Decode("mzxw 6ytb-oi==") ?? []).toString()).toBe("foobar");
    expect(base32Decode("not base32!")).toBeUndefined();
  });
});

describe("HOTP (RFC 4226 Appendix D)", () => {
  it.each([
    [0, "755224"],
    [1, "287082"],
    [2, "359152"],
    [9, "520489"],
  ])("counter %i gives %s", (counter, code) => {
    expect(hotp(ascii("12345678901234567890"), counter)).toBe(code);
  });
});

describe("TOTP (RFC 6238 Appendix B, 8 digits)", () => {
  const keys = {
    sha1: ascii("12345678901234567890"),
    sha256: ascii("12345678901234567890123456789012"),
    sha512: ascii("1234567890123456789012345678901234567890123456789012345678901234"),
  } as const;
  it.each([
    [59, "sha1", "94287082"],
    [59, "sha256", "46119246"],
    [59, "sha512", "90693936"],
    [1111111109, "sha1", "07081804"],
    [1234567890, "sha256", "91819424"],
    [2000000000, "sha512", "38618901"],
    [20000000000, "sha1", "65353130"],
  ] as const)("at %i with %s gives %s", (time, algorithm, code) => {
    expect(totpAt(keys[algorithm], time, 8, algorithm)).toBe(code);
  });
});

describe("matching a typed code", () => {
  const key = ascii("12345678901234567890");
  const now = 1_700_000_000;
  const at = (offsetSteps: number) => totpAt(key, now + offsetSteps * 30);

  it("accepts the current step and one either side, nothing further", () => {
    expect(matchTotp(key, at(0), now)).toBe(stepAt(now));
    expect(matchTotp(key, at(-1), now)).toBe(stepAt(now) - 1);
    expect(matchTotp(key, at(1), now)).toBe(stepAt(now) + 1);
    expect(matchTotp(key, at(2), now)).toBeUndefined();
    expect(matchTotp(key, at(-2), now)).toBeUndefined();
  });

  it("refuses a step at or before the last one used (no replay)", () => {
    expect(matchTotp(key, at(0), now, stepAt(now))).toBeUndefined();
    expect(matchTotp(key, at(-1), now, stepAt(now) - 1)).toBeUndefined();
    expect(matchTotp(key, at(1), now, stepAt(now))).toBe(stepAt(now) + 1);
  });

  it("takes a pasted code with spaces or full-width digits, refuses other shapes", () => {
    const code = at(0);
    expect(matchTotp(key, ` ${code.slice(0, 3)} ${code.slice(3)} `, now)).toBe(stepAt(now));
    const fullWidth = [...code].map((d) => String.fromCharCode(0xff10 + Number(d))).join("");
    expect(normalizeCode(fullWidth)).toBe(code);
    expect(matchTotp(key, "12345", now)).toBeUndefined();
    expect(matchTotp(key, "abcdef", now)).toBeUndefined();
  });
});

describe("enrolment data", () => {
  it("builds the Key Uri an authenticator app scans and a readable key", () => {
    const key = ascii("12345678901234567890");
    const uri = new URL(otpauthUri(key, "Tobira", "hanako"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(base32Encode(key));
    expect(uri.searchParams.get("issuer")).toBe("Tobira");
    expect(formatKey(key)).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  });
});
