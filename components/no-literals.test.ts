import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The lint rule that keeps texts in locales/ is on for components/ and app/: a literal in JSX is
// an error there (npm test runs the linter over every file; this proves the rule is active).

const root = path.resolve(import.meta.dirname, "..");

async function rulesHit(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? "");
}

describe("react/jsx-no-literals", () => {
  it("rejects text written into a component or a page", async () => {
    const literal = 'export function Hello() {\n  return <p className="x">Hello</p>;\n}\n';
    expect(await rulesHit("components/Hello.tsx", literal)).toContain("react/jsx-no-literals");
    expect(await rulesHit("app/hello/page.tsx", literal.replace("function Hello", "default function Hello"))).toContain("react/jsx-no-literals");
  });

  it("allows translated text and attributes", async () => {
    const translated = 'export function Hello({ t }: { t: (key: string) => string }) {\n  return <p className="x">{t("hello")}</p>;\n}\n';
    expect(await rulesHit("components/Hello.tsx", translated)).not.toContain("react/jsx-no-literals");
  });
});
