import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import { errorPageQuery } from "./oauth";

describe("error page query", () => {
  it("keeps known codes and maps the rest to unknown", () => {
    expect(errorPageQuery.parse({ error: "access_denied" }).error).toBe("access_denied");
    expect(errorPageQuery.parse({ error: "<script>" }).error).toBe("unknown");
    expect(errorPageQuery.parse({ error: ["a", "b"] }).error).toBe("unknown");
    expect(errorPageQuery.parse({}).error).toBe("unknown");
  });

  it("cleans and shortens the description", () => {
    expect(errorPageQuery.parse({ error_description: "bad\u202Eevil\u0000" }).error_description).toBe("bad evil");
    expect(errorPageQuery.parse({ error_description: "x".repeat(1000) }).error_description).toHaveLength(300);
    expect(errorPageQuery.parse({ error_description: "   " }).error_description).toBeUndefined();
  });

  it("has a text for every known code", () => {
    const parsed = errorPageQuery.parse({ error: "login_required" });
    expect(messagesFor("en").Error.oauth[parsed.error]).toBeTruthy();
  });
});
