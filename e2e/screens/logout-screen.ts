import { expect, type Page } from "@playwright/test";
import type { Messages } from "../support/messages";

export async function expectLogoutScreen(page: Page, m: Messages) {
  await expect(page).toHaveURL(/\/logout\?logout_challenge=/);
  await expect(page.getByRole("heading", { level: 1, name: m.Logout.title })).toBeVisible();
}

export async function confirmLogout(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Logout.confirm, exact: true }).click();
}

export async function staySignedIn(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Logout.stay, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.Logout.stayedTitle })).toBeVisible();
}

/** The embedded core's front-channel page, while an app's sign-out frame is still loading. */
export async function expectFrontchannelPage(page: Page, m: Messages) {
  await expect(page.getByRole("heading", { level: 1, name: m.FrontchannelLogout.title })).toBeVisible();
  await expect(page.getByRole("link", { name: m.FrontchannelLogout.continue })).toBeVisible();
}
