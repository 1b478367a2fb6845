import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** No automated accessibility violation (WCAG 2.2 A/AA rules and best practices) on this page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
}
