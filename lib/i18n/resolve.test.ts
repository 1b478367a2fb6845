import { describe, expect, it } from "vitest";
import { parseAcceptLanguage } from "@/common/i18n/accept-language";
import { resolveLocale } from "./resolve";

describe("resolveLocale", () => {
  it("takes the first supported ui_locales entry and ignores unsupported ones", () => {
    expect(resolveLocale({ uiLocales: ["fr", "ja"] })).toBe("ja");
    expect(resolveLocale({ uiLocales: "fr ja" })).toBe("ja");
    expect(resolveLocale({ uiLocales: ["fr-CA", "en-GB", "ja"] })).toBe("en");
  });

  it("prefers ui_locales over the cookie and Accept-Language", () => {
    expect(resolveLocale({ uiLocales: ["en"], cookie: "ja", acceptLanguage: "ja" })).toBe("en");
  });

  it("falls back to the saved choice, then Accept-Language, then ja", () => {
    expect(resolveLocale({ uiLocales: ["fr"], cookie: "en" })).toBe("en");
    expect(resolveLocale({ uiLocales: [], cookie: "de", acceptLanguage: "fr;q=0.9, en-US;q=0.8" })).toBe("en");
    expect(resolveLocale({ acceptLanguage: "de, fr" })).toBe("ja");
    expect(resolveLocale({})).toBe("ja");
  });

  it("orders Accept-Language by q-value and drops q=0", () => {
    expect(parseAcceptLanguage("en;q=0.5, ja;q=0.9, fr;q=0")).toEqual(["ja", "en"]);
    expect(resolveLocale({ acceptLanguage: "en;q=0.5, ja;q=0.9" })).toBe("ja");
    expect(resolveLocale({ acceptLanguage: "en;q=0, *" })).toBe("ja");
  });
});

describe("an explicit switch", () => {
  it("outranks ui_locales for the rest of the browser session", () => {
    expect(resolveLocale({ uiLocales: ["ja"], cookie: "ar", explicit: true })).toBe("ar");
    expect(resolveLocale({ uiLocales: ["ja"], cookie: "ar", explicit: false })).toBe("ja");
  });

  it("is ignored when the saved choice is not a shipped locale", () => {
    expect(resolveLocale({ uiLocales: ["en"], cookie: "xx", explicit: true })).toBe("en");
  });

  it("matches Arabic by primary language", () => {
    expect(resolveLocale({ uiLocales: "fr ar-EG" })).toBe("ar");
    expect(resolveLocale({ acceptLanguage: "ar-SA,ar;q=0.9" })).toBe("ar");
  });
});
