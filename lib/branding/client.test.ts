import { describe, expect, it } from "vitest";
import { brandIdOf, clientTextsFor } from "./client";

describe("client metadata", () => {
  const metadata = {
    tobira: { brand: "sakura", texts: { en: { client_name: "Household budget", purpose: "Keeps your budget." }, ar: { client_name: "  " } } },
  };

  it("reads the operator-assigned brand, only when it is a well-formed name", () => {
    expect(brandIdOf(metadata)).toBe("sakura");
    expect(brandIdOf({ tobira: { brand: "../x" } })).toBeUndefined();
    expect(brandIdOf({ brand: "sakura" })).toBeUndefined();
    expect(brandIdOf(undefined)).toBeUndefined();
  });

  it("reads the client's texts per locale, ignoring blanks", () => {
    expect(clientTextsFor(metadata, "en")).toEqual({ clientName: "Household budget", purpose: "Keeps your budget." });
    expect(clientTextsFor(metadata, "ar")).toEqual({ clientName: undefined, purpose: undefined });
    expect(clientTextsFor(metadata, "ja")).toEqual({});
  });
});
