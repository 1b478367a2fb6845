import { describe, expect, it } from "vitest";
import { amrOf, levelOf, methodsOfAmr, type Method } from "./levels";
import { isTrusted, parseNetworks } from "@/lib/config/networks";
import { clientAddress } from "@/lib/security/client-address";
import { acrToReport, claimsAcrFrom, detailTypesFrom, requirementFor, type PolicyInput } from "./policy";

const names = { level2: "urn:tobira:loa:2", level3: "urn:tobira:loa:3" };
const base: PolicyInput = {
  acrValues: [],
  scopes: ["openid"],
  scopeLevels: {},
  clientMetadata: {},
  outsideTrustedNetwork: false,
  mfaRequired: false,
  names,
};

describe("assurance levels and amr (RFC 8176)", () => {
  const password: Method = { kind: "password" };
  it.each<[Method[], 2 | 3 | undefined, string[]]>([
    [[password], 2, ["pwd"]],
    [[password, { kind: "totp" }], 3, ["pwd", "otp", "mfa"]],
    [[password, { kind: "recovery" }], 3, ["pwd", "otp", "mfa"]],
    [[{ kind: "passkey", deviceBound: true }], 3, ["hwk", "user", "mfa"]],
    [[{ kind: "passkey", deviceBound: false }], 3, ["swk", "user", "mfa"]],
    [[password, { kind: "passkey", deviceBound: true }], 3, ["pwd", "hwk", "user", "mfa"]],
    [[{ kind: "totp" }], undefined, ["otp"]],
  ])("%j is level %s with amr %j", (methods, level, amr) => {
    expect(levelOf(methods)).toBe(level);
    expect(amrOf(methods)).toEqual(amr);
  });

  it("reads back what a session's amr says", () => {
    expect(levelOf(methodsOfAmr(["pwd"]))).toBe(2);
    expect(levelOf(methodsOfAmr(["pwd", "otp", "mfa"]))).toBe(3);
    expect(amrOf(methodsOfAmr(["swk", "user", "mfa"]))).toEqual(["swk", "user", "mfa"]);
  });
});

describe("the level a sign-in needs", () => {
  it("is 2 when nothing asks for more", () => {
    expect(requirementFor(base)).toEqual({ satisfiable: true, level: 2, reasons: [] });
  });

  it("follows the first acr_values entry Tobira knows", () => {
    expect(requirementFor({ ...base, acrValues: ["urn:other", names.level3, names.level2] })).toMatchObject({ level: 3, reasons: ["acr_values"] });
    expect(requirementFor({ ...base, acrValues: [names.level2, names.level3] })).toMatchObject({ level: 2 });
    expect(requirementFor({ ...base, acrValues: ["urn:unknown"] })).toMatchObject({ satisfiable: true, level: 2 });
  });

  it("needs the lowest known essential acr and refuses essential values it cannot meet", () => {
    expect(requirementFor({ ...base, claimsAcr: { essential: true, values: [names.level3] } })).toEqual({
      satisfiable: true,
      level: 3,
      reasons: ["claims"],
      essential: [names.level3],
    });
    expect(requirementFor({ ...base, claimsAcr: { essential: true, values: ["urn:other:loa:4"] } })).toEqual({ satisfiable: false });
    expect(requirementFor({ ...base, claimsAcr: { essential: false, values: ["urn:other:loa:4"] } })).toMatchObject({ level: 2 });
  });

  it("raises for scopes, the client, the network and the operator", () => {
    const scopeLevels = { payments: 3 as const, accounts: 2 as const };
    expect(requirementFor({ ...base, scopes: ["openid", "accounts"], scopeLevels })).toMatchObject({ level: 2 });
    expect(requirementFor({ ...base, scopes: ["payments"], scopeLevels })).toMatchObject({ level: 3, reasons: ["scope"] });
    expect(requirementFor({ ...base, clientMetadata: { tobira: { require_mfa: true } } })).toMatchObject({ level: 3, reasons: ["client"] });
    expect(requirementFor({ ...base, clientMetadata: { tobira: { require_mfa: "yes" } } })).toMatchObject({ level: 2 });
    expect(requirementFor({ ...base, outsideTrustedNetwork: true })).toMatchObject({ level: 3, reasons: ["network"] });
    expect(requirementFor({ ...base, mfaRequired: true })).toMatchObject({ level: 3, reasons: ["operator"] });
    expect(requirementFor({ ...base, transactionLevel: 3 })).toMatchObject({ level: 3, reasons: ["transaction"] });
    expect(requirementFor({ ...base, transactionLevel: 2 })).toMatchObject({ level: 2 });
  });

  it("cannot meet essential values that all name a lower level than the request needs", () => {
    const scopeLevels = { payments: 3 as const };
    expect(requirementFor({ ...base, scopes: ["payments"], scopeLevels, claimsAcr: { essential: true, values: [names.level2] } })).toEqual({
      satisfiable: false,
    });
    expect(requirementFor({ ...base, scopes: ["payments"], scopeLevels, claimsAcr: { essential: true, values: [names.level2, names.level3] } })).toMatchObject({
      satisfiable: true,
      level: 3,
    });
  });

  it("reads the transaction types of the request", () => {
    const url = new URL("http://localhost:4444/oauth2/auth");
    url.searchParams.set("authorization_details", JSON.stringify([{ type: "payment_initiation" }, { type: "other" }]));
    expect(detailTypesFrom(url.href)).toEqual(["payment_initiation", "other"]);
    expect(detailTypesFrom("http://localhost:4444/oauth2/auth?authorization_details=nope")).toEqual([]);
  });

  it("reports an essential value the achieved level meets, never one it does not", () => {
    const both = requirementFor({ ...base, claimsAcr: { essential: true, values: [names.level2, names.level3] } });
    const onlyThree = requirementFor({ ...base, claimsAcr: { essential: true, values: [names.level3] } });
    const onlyTwo = requirementFor({ ...base, claimsAcr: { essential: true, values: [names.level2] } });
    if (!both.satisfiable || !onlyThree.satisfiable || !onlyTwo.satisfiable) throw new Error("unexpected");
    expect(acrToReport(3, both, names)).toBe(names.level3);
    expect(acrToReport(2, both, names)).toBe(names.level2);
    expect(acrToReport(2, onlyThree, names)).toBeUndefined();
    expect(acrToReport(3, onlyTwo, names)).toBe(names.level2);
    expect(acrToReport(3, requirementFor(base) as typeof both, names)).toBe(names.level3);
  });

  it("reads the claims parameter from the request URL", () => {
    const url = new URL("http://localhost:4444/oauth2/auth");
    url.searchParams.set("claims", JSON.stringify({ id_token: { acr: { essential: true, values: [names.level3] } } }));
    expect(claimsAcrFrom(url.href)).toEqual({ essential: true, values: [names.level3] });
    url.searchParams.set("claims", JSON.stringify({ id_token: { acr: { value: names.level2 } } }));
    expect(claimsAcrFrom(url.href)).toEqual({ essential: false, values: [names.level2] });
    url.searchParams.set("claims", "{not json");
    expect(claimsAcrFrom(url.href)).toBeUndefined();
    expect(claimsAcrFrom("http://localhost/oauth2/auth")).toBeUndefined();
  });
});

describe("network rule", () => {
  const parsed = parseNetworks("10.0.0.0/8, 192.168.1.0/24 2001:db8::/32 127.0.0.1");
  if (!parsed.ok) throw new Error("parse failed");

  it("knows addresses inside and outside, IPv4 mapped into IPv6 too", () => {
    expect(isTrusted(parsed.list, "10.1.2.3")).toBe(true);
    expect(isTrusted(parsed.list, "192.168.2.1")).toBe(false);
    expect(isTrusted(parsed.list, "2001:db8::1")).toBe(true);
    expect(isTrusted(parsed.list, clientAddress("::ffff:127.0.0.1", 1))).toBe(true);
    expect(isTrusted(parsed.list, undefined)).toBe(false);
  });

  it("takes the address the trusted proxies saw, not what the client wrote", () => {
    expect(clientAddress("10.0.0.5, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5, 203.0.113.9, 192.168.1.1", 2)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", 2)).toBeUndefined();
    expect(clientAddress("not-an-address", 1)).toBeUndefined();
    expect(clientAddress(null, 1)).toBeUndefined();
  });

  it("refuses malformed blocks", () => {
    expect(parseNetworks("10.0.0.0/33")).toEqual({ ok: false, invalid: "10.0.0.0/33" });
    expect(parseNetworks("office")).toEqual({ ok: false, invalid: "office" });
    expect(parseNetworks("10.0.0.0/8/1")).toEqual({ ok: false, invalid: "10.0.0.0/8/1" });
  });
});
