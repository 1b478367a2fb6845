import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * No automated accessibility violation (WCAG 2.2 A/AA rules and best practices) on this page.
 * `frames: false` checks this document only (its frame elements included, not what they hold):
 * for a page whose frames are other sites' pages still loading, which axe would wait for.
 * `rules` runs only those rules: for a page already checked in full that differs only in them.
 */
export async function expectAccessible(page: Page, options: { frames?: boolean; rules?: readonly string[] } = {}) {
  const builder = new AxeBuilder({ page });
  // axe's frame-tested rule would wait for axe inside the frame, which does not answer.
  if (options.frames === false) builder.setLegacyMode().options({ iframes: false }).disableRules(["frame-tested"]);
  if (options.rules) builder.withRules([...options.rules]);
  else builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
  const results = await builder.analyze();
  expect(results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
}
