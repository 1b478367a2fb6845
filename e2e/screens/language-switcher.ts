import { expect, type Page } from "@playwright/test";
import { nativeName } from "../../common/i18n/languages";
import type { Locale, Messages } from "../support/messages";

export async function switchLanguage(page: Page, m: Messages, to: Locale) {
  const switcher = page.getByRole("form", { name: m.LanguageSwitcher.label });
  await switcher.getByRole("button", { name: nativeName(to) ?? to, exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}
