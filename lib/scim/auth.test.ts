import { describe, expect, it } from "vitest";
import { hasBearer } from "./auth";

describe("hasBearer", () => {
  it("accepts only the exact token", () => {
    expect(hasBearer("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(hasBearer("bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(hasBearer("Bearer s3cret-token-x", "s3cret-token")).toBe(false);
    expect(hasBearer("Basic s3cret-token", "s3cret-token")).toBe(false);
    expect(hasBearer(null, "s3cret-token")).toBe(false);
    expect(hasBearer("Bearer ", "")).toBe(false);
  });
});
