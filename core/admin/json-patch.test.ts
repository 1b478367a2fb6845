import { describe, expect, it } from "vitest";
import { applyJsonPatch } from "./json-patch";
import { HydraError } from "./http";

// RFC 6902 §4 operations and Appendix A's examples that apply to a client document.

describe("applyJsonPatch", () => {
  const doc = { a: { "b/c": 1, "m~n": 2 }, list: ["x", "y"] };

  it("applies add, remove, replace, move, copy and test in order, on a copy", () => {
    const result = applyJsonPatch(doc, [
      { op: "add", path: "/list/1", value: "inserted" },
      { op: "add", path: "/list/-", value: "last" },
      { op: "replace", path: "/a/b~1c", value: 10 },
      { op: "remove", path: "/a/m~0n" },
      { op: "copy", from: "/list/0", path: "/first" },
      { op: "move", from: "/first", path: "/a/moved" },
      { op: "test", path: "/a", value: { moved: "x", "b/c": 10 } },
    ]);
    expect(result).toEqual({ a: { "b/c": 10, moved: "x" }, list: ["x", "inserted", "y", "last"] });
    expect(doc).toEqual({ a: { "b/c": 1, "m~n": 2 }, list: ["x", "y"] });
  });

  it.each([
    ["a failed test", [{ op: "test" as const, path: "/list/0", value: "y" }]],
    ["a missing path", [{ op: "replace" as const, path: "/nope", value: 1 }]],
    ["a missing parent", [{ op: "add" as const, path: "/nope/deeper", value: 1 }]],
    ["an index past the end", [{ op: "add" as const, path: "/list/3", value: 1 }]],
    ["a path without a slash", [{ op: "remove" as const, path: "list" }]],
    ["a move into itself", [{ op: "move" as const, from: "/a", path: "/a/inner" }]],
  ])("refuses %s with a 400", (_name, patch) => {
    expect(() => applyJsonPatch(doc, patch)).toThrow(HydraError);
    try {
      applyJsonPatch(doc, patch);
    } catch (err) {
      expect((err as HydraError).status).toBe(400);
    }
  });
});
