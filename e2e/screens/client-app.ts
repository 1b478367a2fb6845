import { expect, type Page } from "@playwright/test";
import type { TestClient } from "../support/fixtures";

// The relying party's pages (the demo app built on openid-client).

export interface SignInOptions {
  prompt?: string;
  uiLocales?: string;
  loginHint?: string;
  maxAge?: string;
  /** "current": the app sends the ID token it holds as id_token_hint. */
  idTokenHint?: "current";
}

export async function startSignIn(page: Page, client: TestClient, options: SignInOptions = {}) {
  const url = new URL(client.app.url);
  await page.goto(url.href);
  if (Object.values(options).some(Boolean)) {
    // The demo app reads optional authorization parameters from its sign-in form.
    await page.evaluate(({ prompt, uiLocales, loginHint, maxAge, idTokenHint }) => {
      const form = document.querySelector<HTMLFormElement>('form[action="/login"]');
      const add = (name: string, value: string | undefined) => {
        if (!form || !value) return;
        const input = Object.assign(document.createElement("input"), { type: "hidden", name, value });
        form.append(input);
      };
      add("prompt", prompt);
      add("ui_locales", uiLocales);
      add("login_hint", loginHint);
      add("max_age", maxAge);
      add("id_token_hint", idTokenHint);
    }, options);
  }
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** While signed in: the app asks to sign in again as the person it knows (id_token_hint). */
export async function signInAgain(page: Page) {
  await page.getByRole("button", { name: "Sign in again" }).click();
}

export async function expectSignedIn(page: Page, client: TestClient) {
  await expect(page).toHaveURL(new RegExp(`^${client.app.url}/`));
  await expect(page.getByRole("status")).toHaveText("Signed in.");
  return claims(page);
}

export async function claims(page: Page): Promise<Record<string, unknown>> {
  const raw = await page.getByLabel("ID token claims").textContent();
  return JSON.parse(raw ?? "{}") as Record<string, unknown>;
}

export async function expectSignInFailed(page: Page, client: TestClient, error: string) {
  await expect(page).toHaveURL(new RegExp(`^${client.app.url}/`));
  await expect(page.getByRole("alert")).toHaveText(`Sign-in did not complete: ${error}`);
}

export async function refreshTokens(page: Page) {
  await page.getByRole("button", { name: "Refresh tokens" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
}
