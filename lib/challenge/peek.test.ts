import { describe, expect, it } from "vitest";
import { challengeKindFor, peekChallenge } from "./peek";

describe("peekChallenge", () => {
  it("knows which page expects which challenge", () => {
    expect(challengeKindFor("/login")).toBe("login");
    expect(challengeKindFor("/login/mfa")).toBe("login");
    expect(challengeKindFor("/consent/")).toBe("consent");
    expect(challengeKindFor("/logout")).toBe("logout");
    expect(challengeKindFor("/logout/done")).toBeUndefined();
    expect(challengeKindFor("/")).toBeUndefined();
  });

  it("reports missing and malformed challenges without asking the admin API", async () => {
    expect(await peekChallenge("login", new URLSearchParams(""))).toEqual({ ok: false, reason: "missing" });
    expect(await peekChallenge("login", new URLSearchParams("login_challenge=a%20b"))).toEqual({ ok: false, reason: "malformed" });
    expect(await peekChallenge("consent", new URLSearchParams("consent_challenge=a&consent_challenge=b"))).toEqual({
      ok: false,
      reason: "malformed",
    });
  });
});
