import { describe, expect, it } from "vitest";
import { allMessages } from "./messages";
import { locales } from "./routing";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe("locale files", () => {
  const keys = Object.fromEntries(locales.map((locale) => [locale, new Set(keysOf(allMessages[locale]))]));
  const union = new Set(Object.values(keys).flatMap((set) => [...set]));

  it.each(locales)("%s has every key another locale has", (locale) => {
    const missing = [...union].filter((key) => !keys[locale]?.has(key));
    expect(missing).toEqual([]);
  });

  it.each(locales)("%s has no empty message", (locale) => {
    const empty = keysOf(allMessages[locale]).filter((key) => {
      const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], allMessages[locale]);
      return typeof value !== "string" || value.trim() === "";
    });
    expect(empty).toEqual([]);
  });
});
