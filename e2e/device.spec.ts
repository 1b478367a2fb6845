import * as oidc from "openid-client";
import { createClient, deleteClient, uniqueName } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { AUTH_SERVER, ISSUER, UI_URL } from "./support/env";
import { expect, test } from "./support/fixtures";
import { messages } from "./support/messages";
import { allow, expectConsentScreen, expectScopes } from "./screens/consent-screen";
import { signIn } from "./screens/login-screen";
import { enterUserCode, expectDeviceDone, expectDeviceScreen, expectInvalidCode } from "./screens/device-screen";

// RFC 8628: a TV or command-line tool (openid-client in this test process) shows a code; the
// person enters it at /device, signs in and allows access; the device receives its tokens.

const CLI = "Kakeibo CLI";

// Ory Hydra v2.3 has no device flow; e2e/hydra.spec.ts checks what /device says there instead.
test.skip(AUTH_SERVER === "hydra", "Ory Hydra v2.3 has no device flow");

for (const locale of ["ja", "en"] as const) {
  test(`a command-line tool signs in with a device code (${locale})`, async ({ browser, person }) => {
    const m = messages[locale];
    const { clientId } = await createClient({
      client_id: uniqueName("cli"),
      client_name: CLI,
      grant_types: ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"],
      response_types: [],
      redirect_uris: [],
      scope: "openid profile offline_access",
      token_endpoint_auth_method: "none",
    });
    const context = await browser.newContext({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    try {
      const config = await oidc.discovery(new URL(ISSUER), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
      const device = await oidc.initiateDeviceAuthorization(config, { scope: "openid profile offline_access" });
      expect(device.verification_uri).toBe(`${UI_URL}/device`);
      const tokens = oidc.pollDeviceAuthorizationGrant(config, device);

      const page = await context.newPage();
      await page.goto(device.verification_uri);
      await expectDeviceScreen(page, m);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expectAccessible(page);

      await enterUserCode(page, m, "BCDF-BCDF");
      await expectInvalidCode(page, m);
      await expectAccessible(page);

      // Typed the way people type it: lower case, without the dash.
      await enterUserCode(page, m, device.user_code.replace("-", "").toLowerCase());
      await signIn(page, m, { identifier: person.userName, password: person.password });
      await expectConsentScreen(page, m, CLI);
      await expectScopes(page, m, ["openid", "profile", "offline_access"]);
      await allow(page, m);
      await expectDeviceDone(page, m);
      await expectAccessible(page);

      const granted = await tokens;
      expect(granted.access_token).toEqual(expect.any(String));
      expect(granted.refresh_token).toEqual(expect.any(String));
      expect(granted.claims()).toMatchObject({ preferred_username: person.userName, acr: "urn:tobira:loa:2" });
    } finally {
      await context.close();
      await deleteClient(clientId);
    }
  });
}

test("the code from verification_uri_complete is filled in, and works without JavaScript", async ({ browser, person }) => {
  const m = messages.ja;
  const { clientId } = await createClient({
    client_id: uniqueName("tv"),
    client_name: "Kakeibo TV",
    grant_types: ["urn:ietf:params:oauth:grant-type:device_code"],
    response_types: [],
    redirect_uris: [],
    scope: "openid",
    token_endpoint_auth_method: "none",
  });
  const context = await browser.newContext({ locale: "ja-JP", javaScriptEnabled: false });
  try {
    const config = await oidc.discovery(new URL(ISSUER), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const device = await oidc.initiateDeviceAuthorization(config, { scope: "openid" });
    const tokens = oidc.pollDeviceAuthorizationGrant(config, device);
    const page = await context.newPage();
    await page.goto(device.verification_uri_complete ?? "");
    await expectDeviceScreen(page, m);
    await expect(page.getByLabel(m.Device.code)).toHaveValue(device.user_code);
    await page.getByRole("button", { name: m.Device.submit }).click();
    await signIn(page, m, { identifier: person.userName, password: person.password });
    await allow(page, m);
    await expectDeviceDone(page, m);
    expect((await tokens).claims()?.sub).toEqual(expect.any(String));
  } finally {
    await context.close();
    await deleteClient(clientId);
  }
});
