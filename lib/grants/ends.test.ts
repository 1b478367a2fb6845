import { describe, expect, it } from "vitest";
import type { ConsentSession } from "@/lib/challenge/types";
import { endedConsents } from "./ends";

const now = Date.parse("2026-06-01T12:00:00Z");
const session = (clientId: string, handledAt: string, rememberFor: number, remember = true): ConsentSession => ({
  client: { id: clientId, name: clientId, metadata: {}, localized: {}, skipConsent: false, skipLogoutConsent: false },
  grantScope: ["openid", "offline_access"],
  grantAudience: [],
  handledAt,
  remember,
  rememberFor,
  context: undefined,
  expiresAt: {},
});

describe("endedConsents", () => {
  it("names an app whose remembered consent ended", () => {
    expect(endedConsents([session("a", "2026-06-01T11:59:00Z", 60)], now)).toEqual([{ clientId: "a", endedAt: new Date(now) }]);
  });
  it("keeps an app while its newest consent lasts, or lasts until revoked", () => {
    expect(endedConsents([session("a", "2026-06-01T10:00:00Z", 60), session("a", "2026-06-01T11:59:30Z", 60)], now)).toEqual([]);
    expect(endedConsents([session("b", "2026-06-01T10:00:00Z", 60), session("b", "2026-05-01T00:00:00Z", 0)], now)).toEqual([]);
  });
  it("ignores per-use consents and sessions without a time or a client", () => {
    expect(endedConsents([session("a", "2026-06-01T10:00:00Z", 60, false), session("c", "", 60)], now)).toEqual([]);
    expect(endedConsents([{ ...session("a", "2026-06-01T10:00:00Z", 60), client: undefined }], now)).toEqual([]);
  });
});
