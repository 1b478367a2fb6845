import { deleteClient } from "./support/admin";
import { loginPageUrl, registerClient } from "./support/authorize";
import { expect, test } from "./support/fixtures";

// Brands are in the first HTML: fetched without a browser, no JavaScript runs.

test("a client's operator-assigned brand is in the first HTML: colours, radius, font and logo", async ({ request }) => {
  const clientId = await registerClient({ tobira: { brand: "sakura" } });
  try {
    const html = await (await request.get(await loginPageUrl(request, clientId))).text();
    expect(html).toMatch(/<style id="tobira-brand" nonce="[^"]+">:root\{--color-brand:#9d174d;[^<]*--radius-brand:16px/);
    expect(html).toContain("--color-canvas:#fdf2f8");
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\)\{:root\{--color-brand:#f9a8d4/);
    expect(html).toContain('src="/brand-assets/sakura.svg"');
    expect(html).toContain('srcSet="/brand-assets/sakura-dark.svg"');
    expect(html).toContain("Sakura Pay ID でサインイン");
    expect(html).toContain('href="https://support.sakura-pay.example/"');
  } finally {
    await deleteClient(clientId);
  }
});

test("a client without a brand, or with an unknown one, gets the default brand", async ({ request }) => {
  const plain = await registerClient();
  const unknown = await registerClient({ tobira: { brand: "no-such-brand" } });
  try {
    for (const clientId of [plain, unknown]) {
      const html = await (await request.get(await loginPageUrl(request, clientId))).text();
      expect(html).toContain(":root{--color-brand:#1d4ed8;");
      expect(html).toContain('src="/brand-assets/tobira.svg"');
    }
  } finally {
    await deleteClient(plain);
    await deleteClient(unknown);
  }
});

test("self-asserted client data never becomes a brand, and browsers cannot pick one", async ({ request }) => {
  const clientId = await registerClient(undefined, "Sakura Pay");
  try {
    const url = await loginPageUrl(request, clientId);
    const html = await (await request.get(url, { headers: { "x-tobira-brand": "sakura" } })).text();
    expect(html).toContain(":root{--color-brand:#1d4ed8;");
    expect(html).not.toContain("sakura.svg");
  } finally {
    await deleteClient(clientId);
  }
});

test("brand assets are served as images that cannot run anything", async ({ request }) => {
  const svg = await request.get("/brand-assets/sakura.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toBe("image/svg+xml");
  expect(svg.headers()["x-content-type-options"]).toBe("nosniff");
  expect(svg.headers()["content-security-policy"]).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
  for (const path of ["/brand-assets/..%2Fdefault.json", "/brand-assets/default.json", "/brand-assets/nothing.svg"]) {
    expect((await request.get(path)).status()).toBe(404);
  }
});
