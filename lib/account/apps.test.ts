import { describe, expect, it } from "vitest";
import type { Client, ConsentSession } from "@/lib/challenge/types";
import { groupGrantedApps, type PerUseApp } from "./apps";

const client = (id: string, extra: Partial<Client> = {}): Client => ({
  id,
  name: `App ${id}`,
  metadata: {},
  skipConsent: false,
  skipLogoutConsent: false,
  localized: {},
  ...extra,
});

const session = (id: string, handledAt: string, scopes: string[], extra: Partial<ConsentSession> = {}): ConsentSession => ({
  client: client(id),
  grantScope: scopes,
  grantAudience: [],
  handledAt,
  remember: true,
  rememberFor: 0,
  expiresAt: { accessToken: new Date(Date.parse(handledAt) + 3600_000).toISOString() },
  ...extra,
});

describe("groupGrantedApps", () => {
  it("gives one entry per app: all its scopes, first granted, newest app first", () => {
    const apps = groupGrantedApps(
      [
        session("a", "2025-01-02T00:00:00Z", ["openid", "email"]),
        session("b", "2025-03-01T00:00:00Z", ["openid"]),
        session("a", "2025-02-01T00:00:00Z", ["openid", "profile"]),
      ],
      [],
    );
    expect(apps.map((app) => app.clientId)).toEqual(["b", "a"]);
    expect(apps[1]).toMatchObject({ scopes: ["openid", "email", "profile"], grantedAt: new Date("2025-01-02T00:00:00Z") });
  });

  it("tells continuous access (until revoked or until the remembered consent ends) from one-time access", () => {
    const [forever, year, once] = groupGrantedApps(
      [
        session("forever", "2025-01-03T00:00:00Z", ["openid", "offline_access"]),
        session("year", "2025-01-02T00:00:00Z", ["openid", "offline"], { rememberFor: 365 * 86400 }),
        session("once", "2025-01-01T00:00:00Z", ["openid"]),
      ],
      [],
      Date.parse("2025-06-01T00:00:00Z"),
    );
    expect(forever).toMatchObject({ access: "continuous", endsAt: undefined });
    expect(year).toMatchObject({ access: "continuous", endsAt: new Date("2026-01-02T00:00:00Z") });
    expect(once).toMatchObject({ access: "one-time", endsAt: new Date("2025-01-01T01:00:00Z"), ended: true });
    expect(year).toMatchObject({ ended: false });
  });

  it("leaves out excluded clients, sessions without a client, and non-web logos", () => {
    const apps = groupGrantedApps(
      [
        session("tobira-account", "2025-01-01T00:00:00Z", ["openid"]),
        { ...session("x", "2025-01-01T00:00:00Z", ["openid"]), client: undefined },
        { ...session("c", "2025-01-01T00:00:00Z", ["openid"]), client: client("c", { logoUri: "javascript:alert(1)" }) },
      ],
      ["tobira-account"],
    );
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ clientId: "c", logoUri: undefined });
  });

  it("lists per-use grants that can still refresh, from Tobira's record, never the server's per-use sessions", () => {
    const use = (id: string, grantedAt: string, endsAt: string, scopes: string[]): PerUseApp => ({
      client: client(id),
      scopes,
      audiences: ["https://bank.example"],
      grantedAt: new Date(grantedAt),
      endsAt: new Date(endsAt),
    });
    const now = Date.parse("2025-06-01T00:00:00Z");
    const apps = groupGrantedApps(
      [
        // Ory Hydra lists per-use sessions (until remember_for) with or without offline access.
        session("pay", "2025-05-01T00:00:00Z", ["openid", "transactions", "offline_access"], { remember: false, rememberFor: 365 * 86400 }),
        session("once", "2025-05-02T00:00:00Z", ["openid", "transactions"], { remember: false, rememberFor: 365 * 86400 }),
        session("both", "2025-01-01T00:00:00Z", ["openid", "email"]),
      ],
      [],
      now,
      undefined,
      [
        use("pay", "2025-05-01T00:00:00Z", "2026-05-01T00:00:00Z", ["openid", "transactions", "offline_access"]),
        use("pay", "2025-04-01T00:00:00Z", "2026-04-01T00:00:00Z", ["openid", "payments", "offline_access"]),
        use("both", "2025-03-01T00:00:00Z", "2026-03-01T00:00:00Z", ["openid", "payments", "offline_access"]),
      ],
    );
    expect(apps.map((app) => app.clientId)).toEqual(["pay", "both"]);
    const [pay, both] = apps;
    expect(pay).toMatchObject({
      clientId: "pay",
      name: "App pay",
      access: "per-use",
      scopes: ["openid", "transactions", "offline_access", "payments"],
      audiences: ["https://bank.example"],
      grantedAt: new Date("2025-04-01T00:00:00Z"),
      endsAt: new Date("2026-05-01T00:00:00Z"),
      perUseUntil: new Date("2026-05-01T00:00:00Z"),
      ended: false,
    });
    // A remembered one-time consent stays one-time; the per-use grant adds its scopes and its end.
    expect(both).toMatchObject({
      access: "one-time",
      scopes: ["openid", "email", "payments", "offline_access"],
      grantedAt: new Date("2025-01-01T00:00:00Z"),
      endsAt: new Date("2025-01-01T01:00:00Z"),
      perUseUntil: new Date("2026-03-01T00:00:00Z"),
    });
    expect(groupGrantedApps([], ["pay"], now, undefined, [use("pay", "2025-05-01T00:00:00Z", "2026-05-01T00:00:00Z", ["openid"])])).toEqual([]);
  });
});
