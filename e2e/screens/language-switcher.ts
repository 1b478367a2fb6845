import { expect, type Page } from "@playwright/test";
import type { Locale, Messages } from "../support/messages";

export async function switchLanguage(page: Page, m: Messages, to: Locale) {
  const switcher = page.getByRole("form", { name: m.LanguageSwitcher.label });
  await switcher.getByRole("button", { name: m.LanguageSwitcher.names[to], exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}
