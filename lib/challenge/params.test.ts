import { describe, expect, it } from "vitest";
import captured from "./hydra-v2.3-challenges.json";
import { CHALLENGE_MAX_LENGTH, parseChallenge } from "./params";

describe("parseChallenge", () => {
  it("separates missing from malformed", () => {
    expect(parseChallenge(undefined)).toEqual({ ok: false, reason: "missing" });
    expect(parseChallenge("")).toEqual({ ok: false, reason: "missing" });
    expect(parseChallenge("a b")).toEqual({ ok: false, reason: "malformed" });
    expect(parseChallenge(["a", "b"])).toEqual({ ok: false, reason: "malformed" });
    expect(parseChallenge("x".repeat(CHALLENGE_MAX_LENGTH + 1))).toEqual({ ok: false, reason: "malformed" });
    expect(parseChallenge("abc-DEF_123")).toEqual({ ok: true, challenge: "abc-DEF_123" });
  });

  it("accepts the challenges real Ory Hydra v2.3 sends (over 1 kB, base64url with padding)", () => {
    const all = [...captured.login_challenges, captured.consent_challenge];
    expect(all.some((challenge) => challenge.endsWith("=="))).toBe(true);
    expect(all.some((challenge) => challenge.length > 1000)).toBe(true);
    for (const challenge of all) expect(parseChallenge(challenge)).toEqual({ ok: true, challenge });
  });

  it("allows padding only at the end", () => {
    expect(parseChallenge("ab=cd")).toEqual({ ok: false, reason: "malformed" });
    expect(parseChallenge("abc===")).toEqual({ ok: false, reason: "malformed" });
    expect(parseChallenge("=")).toEqual({ ok: false, reason: "malformed" });
  });
});
