import { describe, expect, it } from "vitest";
import { allMessages } from "@/lib/i18n/messages";
import { locales } from "@/lib/i18n/routing";
import { describeScopes, knownScopes } from "./scopes";

describe("scope catalogue", () => {
  it.each(locales)("%s has a title for every known scope and no other", (locale) => {
    expect(Object.keys(allMessages[locale].Scopes).sort()).toEqual([...knownScopes].sort());
  });

  it("keeps unknown scopes, marked, and drops duplicates", () => {
    expect(describeScopes(["openid", "payments:write", "openid"])).toEqual([
      { scope: "openid", known: true, key: "openid" },
      { scope: "payments:write", known: false },
    ]);
  });
});
