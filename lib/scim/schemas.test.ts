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

  it("refuses control characters in names and identifiers, and keeps bidi marks", () => {
    for (const bad of [{ userName: "al\u0000ice" }, { displayName: "A\u0007" }, { externalId: "x\u0085" }, { name: { givenName: "\u001b[31m" } }]) {
      expect(parseUserCreate(JSON.stringify({ ...valid, ...bad }))).toMatchObject({ ok: false, scimType: "invalidValue" });
    }
    expect(parseUserCreate(JSON.stringify({ ...valid, displayName: "\u200fعلي" }))).toMatchObject({ ok: true });
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

  it("refuses a password that is the user's own name or address, like every other form", () => {
    for (const password of ["alice.liddell", "ALICE.LIDDELL", "alice@example.com", "ｂｏｂ＠ｃｏｒｐ．ｅｘａｍｐｌｅ"]) {
      const body = { ...valid, userName: "alice.liddell", emails: [valid.emails[0], { value: "bob@corp.example" }], password };
      expect(parseUserCreate(JSON.stringify(body)), password).toMatchObject({
        ok: false,
        scimType: "invalidValue",
        detail: expect.stringContaining("password: must not be the user name"),
      });
    }
    expect(parseUserCreate(JSON.stringify({ ...valid, password: "alice-in-wonderland" }))).toMatchObject({ ok: true });
  });
});
