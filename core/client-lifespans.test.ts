import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./client-lifespans";

// Hydra's lifespans are Go durations: time.ParseDuration in, Duration.String() out.

describe("Go durations", () => {
  it.each([
    ["1h30m", 5400],
    ["90s", 90],
    ["1.5h", 5400],
    ["1h0m0s", 3600],
    ["500ms", 0.5],
  ])("parses %s", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(["", "1d", "h", "-1h", "1 h", "soon"])("refuses %j", (text) => expect(parseDuration(text)).toBeUndefined());

  it.each([
    [5400, "1h30m0s"],
    [111600, "31h0m0s"],
    [90, "1m30s"],
    [45, "45s"],
  ])("formats %i seconds as Go does", (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
