import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import { errorPageQuery, expiredRequestCodes } from "./oauth";

describe("error page query", () => {
  it("keeps known codes and maps the rest to unknown", () => {
    expect(errorPageQuery.parse({ error: "access_denied" }).error).toBe("access_denied");
    expect(errorPageQuery.parse({ error: "<script>" }).error).toBe("unknown");
    expect(errorPageQuery.parse({ error: "Your account is locked, call +1 555 0100" }).error).toBe("unknown");
    expect(errorPageQuery.parse({ error: ["a", "b"] }).error).toBe("unknown");
    expect(errorPageQuery.parse({}).error).toBe("unknown");
  });

  it("drops every free text of the query", () => {
    const parsed = errorPageQuery.parse({ error: "access_denied", error_description: "Your account is locked", error_hint: "call us" });
    expect(parsed).toEqual({ error: "access_denied" });
  });

  it("keeps invalid_request_uri (an expired pushed request) and names it an expired request", () => {
    const parsed = errorPageQuery.parse({ error: "invalid_request_uri" });
    expect(parsed.error).toBe("invalid_request_uri");
    expect(expiredRequestCodes.has(parsed.error)).toBe(true);
    expect(expiredRequestCodes.has("invalid_request")).toBe(false);
  });

  it("has a text for every known code", () => {
    const parsed = errorPageQuery.parse({ error: "login_required" });
    expect(messagesFor("en").Error.oauth[parsed.error]).toBeTruthy();
  });
});
