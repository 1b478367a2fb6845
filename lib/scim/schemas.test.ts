import { describe, expect, it } from "vitest";
import { parseUserCreate, USER_SCHEMA } from "./schemas";

const valid = {
  schemas: [USER_SCHEMA],
  userName: "alice",
  password: "correct horse battery",
  emails: [{ value: "alice@example.com", primary: true }],
  name: { givenName: "Alice", familyName: "Liddell", formatted: "Alice Liddell" },
  displayName: "Alice",
  active: true,
};

describe("SCIM create-User body", () => {
  it("accepts an RFC 7643 User", () => {
    const parsed = parseUserCreate(JSON.stringify(valid));
    expect(parsed).toMatchObject({ ok: true, user: { userName: "alice", name: { givenName: "Alice" } } });
  });

  it("treats attribute names case-insensitively", () => {
    const parsed = parseUserCreate(JSON.stringify({ Schemas: [USER_SCHEMA], USERNAME: "bob", Name: { GivenName: "Bob" } }));
    expect(parsed).toMatchObject({ ok: true, user: { userName: "bob", name: { givenName: "Bob" } } });
  });

  it("answers invalidSyntax for broken structure", () => {
    expect(parseUserCreate("{")).toMatchObject({ ok: false, scimType: "invalidSyntax" });
    expect(parseUserCreate("[]")).toMatchObject({ ok: false, scimType: "invalidSyntax" });
    expect(parseUserCreate(JSON.stringify({ ...valid, schemas: ["urn:other"] }))).toMatchObject({ ok: false, scimType: "invalidSyntax" });
  });

  it("answers invalidValue for bad attribute values", () => {
    expect(parseUserCreate(JSON.stringify({ ...valid, userName: "" }))).toMatchObject({ ok: false, scimType: "invalidValue" });
    expect(parseUserCreate(JSON.stringify({ ...valid, userName: undefined }))).toMatchObject({ ok: false, scimType: "invalidValue" });
    expect(parseUserCreate(JSON.stringify({ ...valid, emails: [{ value: "not-an-email" }] }))).toMatchObject({
      ok: false,
      scimType: "invalidValue",
      detail: expect.stringContaining("emails.0.value"),
    });
    expect(parseUserCreate(JSON.stringify({ ...valid, active: "yes" }))).toMatchObject({ ok: false, scimType: "invalidValue" });
    expect(parseUserCreate(JSON.stringify({ ...valid, password: "short" }))).toMatchObject({ ok: false, scimType: "invalidValue" });
  });
});
