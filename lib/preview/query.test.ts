import { expect, test } from "vitest";
import { previewQuery } from "./query";

test("a client id the preview cannot put in a request header is dropped, not passed on", () => {
  // proxy.ts hands the chosen client down in a header: control and non-Latin-1 characters threw there.
  for (const client of ["a\r\nSet-Cookie: x=1", "\u202Eevil", "\uFFFD", "a b", "\u0000"]) {
    expect(previewQuery(new URLSearchParams({ client })).client, JSON.stringify(client)).toBeUndefined();
  }
  expect(previewQuery(new URLSearchParams({ client: "kakeibo-app_1.example" })).client).toBe("kakeibo-app_1.example");
});
