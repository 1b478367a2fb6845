import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import { locales } from "@/lib/i18n/routing";
import { parseCatalogue, type Catalogue } from "./catalogue";
import { describeScopes, scopeTexts } from "./describe";

function load(file: string): Catalogue {
  const parsed = parseCatalogue(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.join("; ")}`);
  return parsed.catalogue;
}

const catalogues = { shipped: load("config/scopes.json"), e2e: load("e2e/support/scopes.json") };
const shipped = catalogues.shipped;

describe("scope catalogue", () => {
  it("ships the standard OpenID Connect scopes and an open-banking API", () => {
    for (const scope of ["openid", "profile", "email", "address", "phone", "offline_access", "offline", "accounts", "balances", "transactions", "payments"]) {
      expect(Object.keys(shipped.scopes)).toContain(scope);
    }
    expect(shipped.scopes.payments).toMatchObject({ risk: "payment", per_use: true, assurance: 3 });
  });

  for (const [name, catalogue] of Object.entries(catalogues)) {
    it.each(locales())(`${name}: %s has a title, a description and every item text for every catalogue scope`, (locale) => {
      const missing = Object.entries(catalogue.scopes)
        .filter(([scope, entry]) => scopeTexts(messagesFor(locale).Scopes, scope, entry) === undefined)
        .map(([scope]) => scope);
      expect(missing).toEqual([]);
    });
  }

  it.each(locales())("%s has no scope texts outside the shipped catalogue", (locale) => {
    expect(Object.keys(messagesFor(locale).Scopes).sort()).toEqual(Object.keys(shipped.scopes).sort());
  });

  it("keeps unknown scopes, marked, and drops duplicates", () => {
    expect(describeScopes(["openid", "payments:write", "openid"], shipped)).toEqual([
      { scope: "openid", known: true, entry: shipped.scopes.openid },
      { scope: "payments:write", known: false },
    ]);
  });

  it("treats texts missing an item as no texts", () => {
    const entry = { risk: "read" as const, per_use: false, assurance: 2 as const, items: ["a", "b"] };
    expect(scopeTexts({ x: { title: "X", description: "D", items: { a: "A" } } }, "x", entry)).toBeUndefined();
    expect(scopeTexts({ x: { title: "X", description: "D", items: { a: "A", b: "B" } } }, "x", entry)).toEqual({
      title: "X",
      description: "D",
      items: ["A", "B"],
    });
  });

  it("refuses an invalid catalogue with the path of every problem", () => {
    const result = parseCatalogue({ scopes: { "bad.key": { risk: "read" }, ok: { risk: "steal" } } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join("\n")).toMatch(/scopes\.ok\.risk/);
  });
});
