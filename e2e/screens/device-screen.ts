import { expect, type Page } from "@playwright/test";
import type { Messages } from "../support/messages";

// The device page (RFC 8628 verification) and its end page.

export async function expectDeviceScreen(page: Page, m: Messages) {
  await expect(page).toHaveURL(/\/device\?device_challenge=/);
  await expect(page.getByRole("heading", { level: 1, name: m.Device.title })).toBeVisible();
}

export async function enterUserCode(page: Page, m: Messages, code: string) {
  await page.getByLabel(m.Device.code).fill(code);
  await page.getByLabel(m.Device.code).press("Enter");
}

export async function expectInvalidCode(page: Page, m: Messages) {
  await expect(page.getByRole("alert").filter({ hasText: m.Device.errors.invalidCode })).toBeVisible();
  await expect(page.getByLabel(m.Device.code)).toHaveAttribute("aria-invalid", "true");
}

export async function expectDeviceDone(page: Page, m: Messages) {
  await expect(page).toHaveURL(/\/device\/done$/);
  await expect(page.getByRole("heading", { level: 1, name: m.Device.doneTitle })).toBeVisible();
}
