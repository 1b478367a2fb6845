import { expect, type Page } from "@playwright/test";
import type { Messages } from "../support/messages";

export async function openPreview(page: Page, m: Messages, token: string) {
  await page.goto("/preview");
  await page.getByLabel(m.Preview.tokenLabel).fill(token);
  await page.getByLabel(m.Preview.tokenLabel).press("Enter");
}

export async function expectPreviewControls(page: Page, m: Messages) {
  await expect(page.getByRole("form", { name: m.Preview.controls })).toBeVisible();
}

export function previewPath(options: { screen: string; locale: string; brand?: string; client?: string }): string {
  const query = new URLSearchParams({ screen: options.screen, locale: options.locale });
  if (options.brand) query.set("brand", options.brand);
  if (options.client) query.set("client", options.client);
  return `/preview?${query}`;
}
