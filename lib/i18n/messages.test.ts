import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkMessages, directionOfTag, loadLanguageDirectory, nativeName } from "@/common/i18n/languages";
import { messageKeys } from "@/common/i18n/keys";
import { defaultLocale, locales, shippedLanguages } from "./routing";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function directory(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-locales-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return dir;
}

describe("the shipped locale files", () => {
  it("are all complete: every key the default has, nothing else, no empty message", () => {
    expect(loadLanguageDirectory(path.resolve("locales"), defaultLocale).problems).toEqual([]);
  });

  it("are Japanese (the default, first), English and Arabic, each named in itself", () => {
    expect(shippedLanguages().map(({ tag, name, direction }) => [tag, name, direction])).toEqual([
      ["ja", "日本語", "ltr"],
      ["en", "English", "ltr"],
      ["ar", "العربية", "rtl"],
    ]);
    expect(locales()).toEqual(["ja", "en", "ar"]);
  });
});

describe("a language file", () => {
  const base = { Login: { title: "サインイン", errors: { expired: "期限切れ" } } };

  it("is a language by being there: its direction and name come from CLDR", () => {
    const { languages, problems } = loadLanguageDirectory(
      directory({ "ja.json": base, "he.json": { Login: { title: "כניסה", errors: { expired: "פג תוקף" } } } }),
      "ja",
    );
    expect(problems).toEqual([]);
    expect(languages.map((l) => [l.tag, l.direction, l.name])).toEqual([
      ["ja", "ltr", "日本語"],
      ["he", "rtl", "עברית"],
    ]);
  });

  it("is left out, with the keys named, when it lacks a key, has an unknown one or an empty one", () => {
    const expected = new Set(messageKeys(base));
    expect(checkMessages({ Login: { title: "Sign in", errors: {} } }, expected)).toEqual(["1 missing keys (Login.errors.expired)"]);
    expect(checkMessages({ Login: { title: "Sign in", extra: "x", errors: { expired: " " } } }, expected)).toEqual([
      "1 keys the default language does not have (Login.extra)",
      "1 empty or non-text messages (Login.errors.expired)",
    ]);
    const { languages, problems } = loadLanguageDirectory(directory({ "ja.json": base, "en.json": { Login: { title: "Sign in" } }, "fr.json": "{" }), "ja");
    expect(languages.map((l) => l.tag)).toEqual(["ja"]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^en\.json: 1 missing keys \(Login\.errors\.expired\)$/);
    expect(problems[1]).toMatch(/^fr\.json: /);
  });

  it("must be named by its BCP 47 tag", () => {
    const { problems } = loadLanguageDirectory(directory({ "ja.json": base, "pt-br.json": base, "english.json": base }), "ja");
    expect(problems).toEqual(["english.json: the name must be a BCP 47 language tag such as ko.json or pt-BR.json", "pt-br.json: the name must be a BCP 47 language tag (pt-BR.json)"]);
  });

  it("cannot be missing for the default language", () => {
    expect(() => loadLanguageDirectory(directory({ "en.json": base }), "ja")).toThrow(/ja\.json \(the default language\)/);
  });

  it("gets right-to-left for Arabic-script and Hebrew languages, and a capitalised own name", () => {
    expect(["ar", "fa", "he", "ur", "ja", "en", "ko"].map(directionOfTag)).toEqual(["rtl", "rtl", "rtl", "rtl", "ltr", "ltr", "ltr"]);
    expect(nativeName("fr")).toBe("Français");
    expect(nativeName("ko")).toBe("한국어");
  });
});
