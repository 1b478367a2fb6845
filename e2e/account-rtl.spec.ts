import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { messages } from "./support/messages";
import { expectSignedIn, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import { openGrantedApps } from "./screens/account-screen";
import { signIn } from "./screens/login-screen";

const KAKEIBO = "Kakeibo Test App"; // the client fixture's name

// The account area and registration in Arabic: right to left, branded, accessible, and looking as
// approved (e2e/__screenshots__). Only ar here: ja and en run through the same components in
// account.spec.ts and register.spec.ts, and each extra screenshot costs CI time.

test.use({ locale: "ar", viewport: { width: 800, height: 900 }, colorScheme: "light" });

test("the account home and the apps with access, in Arabic", async ({ page, client, person }) => {
  const m = messages.ar;
  await page.goto("/account");
  await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
  await expect(page.getByRole("heading", { level: 1, name: m.Account.title })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expectAccessible(page);
  // The person's name differs per run; the rest of the page is fixed.
  await expect(page).toHaveScreenshot("account-home-rtl-ar-default.png", { fullPage: true, mask: [page.locator("main bdi")] });

  await startSignIn(page, client);
  await allow(page, m);
  await expectSignedIn(page, client);
  await openGrantedApps(page, m);
  await expect(page.getByRole("article", { name: KAKEIBO })).toBeVisible();
  await expectAccessible(page);
  // The dates are today's: masked (the list's own tests check them).
  const dates = page.getByRole("article").locator("p").filter({ hasText: /\d|[٠-٩]/ });
  await expect(page).toHaveScreenshot("account-apps-ar-default.png", { fullPage: true, mask: [dates] });
});

test("the registration page, in Arabic", async ({ page }) => {
  const m = messages.ar;
  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1, name: m.Register.title })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expectAccessible(page);
  // Named apart from the preview's own photograph of this screen (register-ar-default.png).
  await expect(page).toHaveScreenshot("register-page-ar-default.png", { fullPage: true });
});
