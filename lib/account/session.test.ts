import { describe, expect, it } from "vitest";
import { keyRing } from "@/common/key-ring";
import { openAccountCookie, sealAccountCookie } from "./session";
import { accountSessionSchema } from "./session-data";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const ring = keyRing(SECRET);

describe("account cookies", () => {
  it("round-trips a session and refuses another key, another purpose, tampering, expiry and another shape", () => {
    const session = { sub: "u1", name: "Hanako", authTime: 1000, idToken: "id.token.value", since: 1_000_000 };
    const sealed = sealAccountCookie(ring, "account-session", session, 60);
    expect(sealed).not.toContain("Hanako");
    expect(openAccountCookie(ring, "account-session", sealed, accountSessionSchema)).toEqual(session);
    expect(openAccountCookie(keyRing("another-secret-that-is-long-enough-0000"), "account-session", sealed, accountSessionSchema)).toBeUndefined();
    expect(openAccountCookie(ring, "account-flow", sealed, accountSessionSchema)).toBeUndefined();
    expect(openAccountCookie(ring, "account-session", `${sealed.slice(0, -4)}AAAA`, accountSessionSchema)).toBeUndefined();
    expect(openAccountCookie(ring, "account-session", sealAccountCookie(ring, "account-session", session, -10), accountSessionSchema)).toBeUndefined();
    expect(openAccountCookie(ring, "account-session", sealAccountCookie(ring, "account-session", { sub: "u1" }, 60), accountSessionSchema)).toBeUndefined();
  });

  it("keeps a session sealed before a rotation while the old secret is in TOBIRA_SECRET_PREVIOUS", () => {
    const session = { sub: "u1", authTime: 1000, idToken: "id.token.value", since: 1_000_000 };
    const sealed = sealAccountCookie(ring, "account-session", session, 60);
    const next = "the-next-secret-that-is-long-enough-9876543210";
    expect(openAccountCookie(keyRing(next, [SECRET]), "account-session", sealed, accountSessionSchema)).toEqual(session);
    expect(openAccountCookie(keyRing(next), "account-session", sealed, accountSessionSchema)).toBeUndefined();
  });
});
