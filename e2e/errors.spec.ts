import { expectAccessible } from "./support/axe";
import { deleteClient } from "./support/admin";
import { AUTH_SERVER, ISSUER } from "./support/env";
import { registerFapiClient } from "./support/fapi";
import { expect, test } from "./support/fixtures";
import { messages } from "./support/messages";
import { expectSignedIn, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import { signIn } from "./screens/login-screen";

for (const locale of ["ja", "en"] as const) {
  test.describe(`error pages in ${locale}`, () => {
    test.use({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    const m = messages[locale];
    const cases = [
      { path: "/login", reason: "missing" },
      { path: "/consent?consent_challenge=", reason: "missing" },
      { path: "/login?login_challenge=a%20b%3Cscript%3E", reason: "malformed" },
      { path: "/consent?consent_challenge=0123456789abcdef0123456789abcdef", reason: "not_found" },
      { path: "/logout?logout_challenge=0123456789abcdef0123456789abcdef", reason: "not_found" },
    ] as const;
    for (const { path, reason } of cases) {
      test(`${path} explains "${reason}" without a stack trace`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBeLessThan(500);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Error.reasons[reason].title);
        await expect(page.locator("body")).not.toContainText("Error:");
        await expectAccessible(page);
      });
    }

    test("an error from the authorization server is shown translated, with its code", async ({ page }) => {
      await page.goto("/error?error=access_denied&error_description=%3Cb%3Ebold%3C%2Fb%3E");
      await expect(page.getByText(m.Error.oauth.access_denied)).toBeVisible();
      await expect(page.getByText(m.Error.codeLabel)).toContainText("access_denied");
      await expect(page.locator("b", { hasText: "bold" })).toHaveCount(0);
      await expectAccessible(page);
    });

    test("a crafted link cannot make the error page say anything Tobira did not write", async ({ page }) => {
      const phishing = "Your account is locked, call +1 555 0100 to unlock it";
      const queries: Record<string, string>[] = [
        { error: "access_denied", error_description: phishing, error_hint: phishing, error_debug: phishing },
        { error: phishing, error_description: phishing },
      ];
      for (const query of queries) {
        const response = await page.goto(`/error?${new URLSearchParams(query)}`);
        expect(response?.status()).toBeLessThan(500);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Error.title);
        await expect(page.locator("body")).not.toContainText("+1 555 0100");
        await expect(page.locator("body")).not.toContainText("locked");
      }
      await expect(page.getByText(m.Error.oauth.unknown)).toBeVisible();
      await expect(page.getByText(m.Error.codeLabel)).toHaveCount(0);
    });
  });
}

test("a consent challenge used twice says it was already used", async ({ page, client, person }) => {
  // Hydra v2.2+ challenges carry the whole flow and are not looked up: a used one still reads as
  // pending, and Hydra refuses its second verifier instead (README, "Putting Tobira in front of Ory Hydra").
  test.skip(AUTH_SERVER === "hydra", "Ory Hydra cannot tell a used consent challenge from a pending one");
  const m = messages.ja;
  await startSignIn(page, client);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  const consentUrl = page.url();
  await allow(page, m);
  await expectSignedIn(page, client);

  await page.goto(consentUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Error.reasons.gone.title);
  await expect(page.getByText(m.Error.returnToApp)).toBeVisible();
});

for (const locale of ["ja", "en", "ar"] as const) {
  test.describe(`an expired pushed request in ${locale}`, () => {
    test.use({ locale: locale === "ja" ? "ja-JP" : locale === "en" ? "en-US" : "ar" });

    test("says the request has expired and to go back to the app, not a generic error", async ({ page }) => {
      test.skip(AUTH_SERVER === "hydra", "per-client FAPI 2.0 and its pushed requests are the embedded core's");
      const m = messages[locale];
      const { clientId } = await registerFapiClient();
      // What a FAPI 2.0 app's browser opens once its pushed request ran out (RFC 9126 §4: the core
      // no longer knows the request_uri, expired or used alike). An ordinary app with one
      // redirect URI gets the error back at that URI instead, for the app to explain.
      const url = new URL("/oauth2/auth", ISSUER);
      url.search = new URLSearchParams({ client_id: clientId, request_uri: "urn:ietf:params:oauth:request_uri:ran-out-long-ago" }).toString();
      await page.goto(url.href);
      await expect(page).toHaveURL(/\/error\?error=invalid_request_uri/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Error.requestExpired);
      await expect(page.getByText(m.Error.oauth.invalid_request_uri)).toBeVisible();
      await expect(page.getByText(m.Error.returnToApp)).toBeVisible();
      await expectAccessible(page);
      await deleteClient(clientId);
    });
  });
}

test.describe("the unavailable page", () => {
  test.use({ locale: "en-US" });

  test("its retry link never leads off the site", async ({ page, baseURL }) => {
    const m = messages.en;
    const retry = page.getByRole("link", { name: m.Error.retry });
    await page.goto(`/error/unavailable?${new URLSearchParams({ retry: "/login?login_challenge=abc" })}`);
    await expect(retry).toHaveAttribute("href", "/login?login_challenge=abc");

    // Browsers drop tab and newline from a URL and read a backslash as "/": each of these is //evil.example.
    const hostile = ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example", "/.//evil.example", "/%2F%2Fevil.example", "https://evil.example/"];
    for (const value of hostile) {
      await page.goto(`/error/unavailable?${new URLSearchParams({ retry: value })}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Error.reasons.unavailable.title);
      for (const href of await retry.evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href))) {
        expect(new URL(href).origin, JSON.stringify(value)).toBe(new URL(baseURL ?? "").origin);
      }
      await expect(retry, JSON.stringify(value)).toHaveCount(0);
    }
  });
});

test("no page can be framed by another origin, and HSTS is not claimed over http", async ({ request }) => {
  for (const path of ["/", "/login", "/error?error=access_denied"]) {
    const response = await request.get(path);
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    // The suite serves Tobira over http (lib/security/proxy-headers.test.ts covers https).
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  }
});
