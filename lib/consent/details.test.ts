import { describe, expect, it } from "vitest";
import { detailsWithheld } from "./details";

const issuer = "http://localhost:4444/oauth2/auth?client_id=c&scope=openid";
const asked = `${issuer}&authorization_details=${encodeURIComponent(JSON.stringify([{ type: "payment_initiation" }]))}`;

describe("detailsWithheld", () => {
  it("is true when the app asked for details and the server passed none on (Hydra v2.3)", () => {
    expect(detailsWithheld([], asked)).toBe(true);
  });
  it("is false when the server passed the details on, or none were asked for", () => {
    expect(detailsWithheld([{ type: "payment_initiation" }], asked)).toBe(false);
    expect(detailsWithheld([], issuer)).toBe(false);
    expect(detailsWithheld([], undefined)).toBe(false);
    expect(detailsWithheld([], "not a url")).toBe(false);
  });
});
