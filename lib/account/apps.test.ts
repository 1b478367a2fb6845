import { describe, expect, it } from "vitest";
import type { Client, ConsentSession } from "@/lib/challenge/types";
import { groupGrantedApps } from "./apps";

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
});
