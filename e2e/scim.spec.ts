import { expect, test } from "./support/fixtures";
import { ADMIN_TOKEN } from "./support/env";
import { uniqueName } from "./support/admin";
import { messages } from "./support/messages";
import { expectSignedIn, refreshTokens, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import { expectFormError } from "./screens/account-screens";
import { expectLoginScreen, signIn } from "./screens/login-screen";

// SCIM 2.0 over HTTP (RFC 7644), as an HR system or IdM would call it.

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/scim+json" };

test("an HR system provisions, finds, updates and deletes a person", async ({ request }) => {
  const userName = uniqueName("hr");
  const created = await request.post("/scim/v2/Users", {
    headers: auth,
    data: { schemas: [USER], userName, externalId: `E-${userName}`, name: { givenName: "Ken", familyName: "Sato" }, emails: [{ value: `${userName}@corp.example`, primary: true }], password: "a long initial passphrase" },
  });
  expect(created.status()).toBe(201);
  const user = (await created.json()) as { id: string; meta: { location: string } };
  expect(created.headers()["location"]).toBe(user.meta.location);
  expect(created.headers()["content-type"]).toContain("application/scim+json");

  const found = await request.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}`, { headers: auth });
  expect(await found.json()).toMatchObject({ totalResults: 1, Resources: [{ id: user.id, userName }] });

  const paged = await request.get("/scim/v2/Users?startIndex=1&count=1", { headers: auth });
  expect(await paged.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], startIndex: 1, itemsPerPage: 1 });

  const replaced = await request.put(`/scim/v2/Users/${user.id}`, { headers: auth, data: { schemas: [USER], userName, displayName: "Ken S.", emails: [{ value: `${userName}@corp.example` }] } });
  expect(await replaced.json()).toMatchObject({ displayName: "Ken S.", active: true });

  const patched = await request.patch(`/scim/v2/Users/${user.id}`, { headers: auth, data: { schemas: [PATCH], Operations: [{ op: "replace", path: "name.familyName", value: "Kato" }] } });
  expect(await patched.json()).toMatchObject({ name: { familyName: "Kato" } });

  expect((await request.delete(`/scim/v2/Users/${user.id}`, { headers: auth })).status()).toBe(204);
  const gone = await request.get(`/scim/v2/Users/${user.id}`, { headers: auth });
  expect(gone.status()).toBe(404);
  expect(await gone.json()).toMatchObject({ schemas: [ERROR], status: "404" });
});

test("SCIM refuses missing tokens and malformed bodies clearly, writing nothing", async ({ request }) => {
  expect((await request.get("/scim/v2/Users")).status()).toBe(401);
  expect((await request.get("/scim/v2/Users", { headers: { Authorization: "Bearer wrong-token-wrong-token" } })).status()).toBe(401);

  const userName = uniqueName("bad");
  const broken = await request.post("/scim/v2/Users", { headers: auth, data: "{not json" });
  expect(broken.status()).toBe(400);
  expect(await broken.json()).toMatchObject({ schemas: [ERROR], status: "400", scimType: "invalidSyntax" });
  const invalid = await request.post("/scim/v2/Users", { headers: auth, data: { schemas: [USER], userName, emails: [{ value: "nope" }] } });
  expect(invalid.status()).toBe(400);
  expect(await invalid.json()).toMatchObject({ scimType: "invalidValue", detail: expect.stringContaining("emails.0.value") });
  const none = await request.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, { headers: auth });
  expect(await none.json()).toMatchObject({ totalResults: 0 });

  const filter = await request.get(`/scim/v2/Users?filter=${encodeURIComponent('title co "x"')}`, { headers: auth });
  expect(filter.status()).toBe(400);
  expect(await filter.json()).toMatchObject({ scimType: "invalidFilter" });
});

test("a PATCH path whose filter has an escape JSON does not know is invalidFilter, not a failure", async ({ request }) => {
  const userName = uniqueName("esc");
  const created = await request.post("/scim/v2/Users", { headers: auth, data: { schemas: [USER], userName, emails: [{ value: `${userName}@corp.example`, type: "work" }] } });
  const { id } = (await created.json()) as { id: string };
  for (const path of ['emails[type eq "\\q"].value', 'emails[type eq "\\u00"]', 'emails[type eq "\\x41"].value']) {
    const response = await request.patch(`/scim/v2/Users/${id}`, { headers: auth, data: { schemas: [PATCH], Operations: [{ op: "replace", path, value: "x@corp.example" }] } });
    expect(response.status(), path).toBe(400);
    expect(await response.json()).toMatchObject({ schemas: [ERROR], status: "400", scimType: "invalidFilter" });
  }
  expect(await (await request.get(`/scim/v2/Users/${id}`, { headers: auth })).json()).toMatchObject({ emails: [{ value: `${userName}@corp.example` }] });
  await request.delete(`/scim/v2/Users/${id}`, { headers: auth });
});

test("SCIM refuses the person's own name or address as their password, as the forms do", async ({ request }) => {
  const userName = uniqueName("own");
  const email = `${userName}@corp.example`;
  const refused = await request.post("/scim/v2/Users", { headers: auth, data: { schemas: [USER], userName, emails: [{ value: email }], password: email } });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ scimType: "invalidValue", detail: expect.stringContaining("password") });

  const created = await request.post("/scim/v2/Users", { headers: auth, data: { schemas: [USER], userName, emails: [{ value: email }] } });
  const { id } = (await created.json()) as { id: string };
  const patched = await request.patch(`/scim/v2/Users/${id}`, { headers: auth, data: { schemas: [PATCH], Operations: [{ op: "replace", path: "password", value: userName }] } });
  expect(patched.status()).toBe(400);
  const replaced = await request.put(`/scim/v2/Users/${id}`, { headers: auth, data: { schemas: [USER], userName, emails: [{ value: email }], password: userName.toUpperCase() } });
  expect(replaced.status()).toBe(400);
  await request.delete(`/scim/v2/Users/${id}`, { headers: auth });
});

test("SCIM describes what it supports", async ({ request }) => {
  const config = await request.get("/scim/v2/ServiceProviderConfig", { headers: auth });
  expect(await config.json()).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
  const types = await request.get("/scim/v2/ResourceTypes", { headers: auth });
  expect(await types.json()).toMatchObject({ Resources: [{ id: "User", endpoint: "/Users", schema: USER }] });
  const schemas = await request.get("/scim/v2/Schemas", { headers: auth });
  expect(await schemas.json()).toMatchObject({ Resources: [{ id: USER }] });
  expect((await request.get(`/scim/v2/Schemas/${encodeURIComponent(USER)}`, { headers: auth })).status()).toBe(200);
});

test("disabling a signed-in person ends their sessions and tokens at once", async ({ page, client, person, request }) => {
  const m = messages.ja;
  await startSignIn(page, client);
  await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
  await allow(page, m);
  const claims = await expectSignedIn(page, client);

  const disabled = await request.patch(`/scim/v2/Users/${String(claims.sub)}`, {
    headers: auth,
    data: { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false }] },
  });
  expect(disabled.status()).toBe(200);

  await refreshTokens(page);
  await expect(page.getByRole("alert")).toHaveText("Refresh failed: invalid_grant");

  await page.context().clearCookies({ name: /^demo_app_session_/ });
  await startSignIn(page, client);
  await expectLoginScreen(page, m);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expectFormError(page, m.Login.errors.accountDisabled);

  expect((await request.delete(`/scim/v2/Users/${String(claims.sub)}`, { headers: auth })).status()).toBe(204);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expectFormError(page, m.Login.errors.invalidCredentials);
});
