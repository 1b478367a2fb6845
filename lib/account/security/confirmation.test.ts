import { describe, expect, it } from "vitest";
import type { Method } from "@/lib/assurance";
import { decideAccess } from "./confirmation";

const now = 1_800_000_000;
const pwd: Method[] = [{ kind: "password" }];
const pwdOtp: Method[] = [{ kind: "password" }, { kind: "totp" }];
const passkey: Method[] = [{ kind: "passkey", deviceBound: true }];
const longAgo = now - 11 * 60;

describe("fresh authentication for managing second factors", () => {
  it("takes a fresh password sign-in when the account has no factor yet", () => {
    expect(decideAccess({ hasFactor: false, signIn: { authTime: now - 60, methods: pwd }, now })).toEqual({
      kind: "confirmed",
      methods: pwd,
      until: now - 60 + 600,
    });
  });

  it("asks only for the second factor after a fresh password when the account has one", () => {
    expect(decideAccess({ hasFactor: true, signIn: { authTime: now - 60, methods: pwd }, now })).toEqual({ kind: "needFactor" });
    expect(decideAccess({ hasFactor: true, signIn: { authTime: longAgo, methods: pwd }, halfwayAt: now - 5, now })).toEqual({ kind: "needFactor" });
    expect(decideAccess({ hasFactor: true, signIn: { authTime: now - 60, methods: pwdOtp }, now })).toMatchObject({ kind: "confirmed" });
    expect(decideAccess({ hasFactor: true, signIn: { authTime: now - 60, methods: passkey }, now })).toMatchObject({ kind: "confirmed" });
  });

  it("asks for the password again after ten minutes", () => {
    expect(decideAccess({ hasFactor: false, signIn: { authTime: longAgo, methods: pwd }, now })).toEqual({ kind: "needPassword" });
    expect(decideAccess({ hasFactor: true, signIn: { authTime: longAgo, methods: pwdOtp }, halfwayAt: longAgo, now })).toEqual({ kind: "needPassword" });
    expect(decideAccess({ hasFactor: true, signIn: { authTime: longAgo, methods: pwd }, sudo: { methods: pwdOtp, at: longAgo }, now })).toEqual({
      kind: "needPassword",
    });
  });

  it("keeps a confirmation made on the page for ten minutes, if strong enough for the account", () => {
    const signIn = { authTime: longAgo, methods: pwd };
    expect(decideAccess({ hasFactor: true, signIn, sudo: { methods: pwdOtp, at: now - 100 }, now })).toEqual({
      kind: "confirmed",
      methods: pwdOtp,
      until: now - 100 + 600,
    });
    expect(decideAccess({ hasFactor: true, signIn, sudo: { methods: pwd, at: now - 100 }, now })).toEqual({ kind: "needFactor" });
  });
});
