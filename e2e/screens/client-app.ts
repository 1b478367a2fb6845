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
  /** Space-separated scopes for this sign-in (default: the app's). */
  scope?: string;
  audience?: string;
  /** RFC 9396 authorization_details, sent as JSON. */
  authorizationDetails?: unknown[];
}

export async function startSignIn(page: Page, client: TestClient, options: SignInOptions = {}) {
  const url = new URL(client.app.url);
  await page.goto(url.href);
  const extra = {
    prompt: options.prompt,
    ui_locales: options.uiLocales,
    login_hint: options.loginHint,
    max_age: options.maxAge,
    id_token_hint: options.idTokenHint,
    scope: options.scope,
    audience: options.audience,
    authorization_details: options.authorizationDetails ? JSON.stringify(options.authorizationDetails) : undefined,
  };
  if (Object.values(extra).some(Boolean)) {
    // The demo app reads optional authorization parameters from its sign-in form.
    await page.evaluate((fields) => {
      const form = document.querySelector<HTMLFormElement>('form[action="/login"]');
      for (const [name, value] of Object.entries(fields)) {
        if (!form || !value) continue;
        const input = Object.assign(document.createElement("input"), { type: "hidden", name, value });
        form.append(input);
      }
    }, extra);
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
