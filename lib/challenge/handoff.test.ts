import { describe, expect, it } from "vitest";
import { handOver, takeOver } from "./handoff";
import type { LoginRequest } from "./types";

const request = { challenge: "c1" } as LoginRequest;

describe("the proxy's hand-off of a request to its page", () => {
  it("gives the request once, to the same kind and challenge only", () => {
    const id = handOver({ kind: "login", challenge: "c1", request });
    expect(takeOver(id, "consent", "c1")).toBeUndefined();
    const again = handOver({ kind: "login", challenge: "c1", request });
    expect(takeOver(again, "login", "c2")).toBeUndefined();
    const third = handOver({ kind: "login", challenge: "c1", request });
    expect(takeOver(third, "login", "c1")).toBe(request);
    expect(takeOver(third, "login", "c1")).toBeUndefined();
  });

  it("forgets what its request did not take within seconds, and knows no id it did not issue", () => {
    const now = Date.now();
    const id = handOver({ kind: "login", challenge: "c1", request }, now);
    expect(takeOver(id, "login", "c1", now + 10_000)).toBeUndefined();
    expect(takeOver("made-up", "login", "c1")).toBeUndefined();
    expect(takeOver(null, "login", "c1")).toBeUndefined();
  });
});
