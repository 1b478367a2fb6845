import { describe, expect, it } from "vitest";
import { parseExposition, valueOf } from "@/lib/testing/prometheus";
import { Counter, escapeLabelValue, formatValue, Histogram, Registry } from "./registry";

describe("exposition", () => {
  it("writes HELP and TYPE before the samples, even for a metric with none yet", () => {
    const registry = new Registry();
    registry.counter("demo_events_total", "Events.", ["kind"]).inc({ kind: "a" }, 2);
    registry.histogram("demo_seconds", "Time.", [], [1]);
    expect(registry.render()).toBe(
      [
        "# HELP demo_events_total Events.",
        "# TYPE demo_events_total counter",
        'demo_events_total{kind="a"} 2',
        "# HELP demo_seconds Time.",
        "# TYPE demo_seconds histogram",
        "",
      ].join("\n"),
    );
  });

  it("escapes backslashes, double quotes and line feeds in label values, and in HELP text", () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const registry = new Registry();
    registry.counter("demo_total", "Back\\slash and\nline.", ["value"]).inc({ value: 'say "hi"\\\nbye' });
    const text = registry.render();
    expect(text).toContain("# HELP demo_total Back\\\\slash and\\nline.\n");
    expect(text).toContain('demo_total{value="say \\"hi\\"\\\\\\nbye"} 1\n');
    // Read back by a strict reader, the value is the original.
    const read = parseExposition(text);
    expect(read.samples[0]?.labels.value).toBe('say "hi"\\\nbye');
    expect(read.help.get("demo_total")).toBe("Back\\slash and\nline.");
  });

  it("leaves out a label whose value is empty", () => {
    const counter = new Counter("demo_total", "Demo.", ["result", "reason"], [{ result: "ok", reason: "" }]);
    expect(counter.render()).toContain('demo_total{result="ok"} 0');
  });

  it("shows declared series at 0 before anything happened", () => {
    const registry = new Registry();
    registry.counter("demo_total", "Demo.", ["kind"], [{ kind: "a" }, { kind: "b" }]);
    const read = parseExposition(registry.render());
    expect(read.samples).toEqual([
      { name: "demo_total", labels: { kind: "a" }, value: 0 },
      { name: "demo_total", labels: { kind: "b" }, value: 0 },
    ]);
  });

  it("writes cumulative buckets in increasing order ending with +Inf, then _sum and _count", () => {
    const histogram = new Histogram("demo_seconds", "Time.", ["route"], [1, 0.1, 0.5]);
    for (const value of [0.05, 0.1, 0.3, 0.7, 3]) histogram.observe({ route: "/login" }, value);
    const lines = histogram.render().slice(2);
    expect(lines).toEqual([
      'demo_seconds_bucket{route="/login",le="0.1"} 2',
      'demo_seconds_bucket{route="/login",le="0.5"} 3',
      'demo_seconds_bucket{route="/login",le="1"} 4',
      'demo_seconds_bucket{route="/login",le="+Inf"} 5',
      `demo_seconds_sum{route="/login"} ${0.05 + 0.1 + 0.3 + 0.7 + 3}`,
      'demo_seconds_count{route="/login"} 5',
    ]);
    const registry = new Registry();
    registry.histogram("x_seconds", "X.", [], [0.25]).observe({}, 0.25);
    const read = parseExposition(registry.render());
    expect(valueOf(read, "x_seconds_bucket", { le: "0.25" })).toBe(1);
    expect(valueOf(read, "x_seconds_bucket", { le: "+Inf" })).toBe(valueOf(read, "x_seconds_count"));
  });

  it("keeps each label set a series of its own", () => {
    const registry = new Registry();
    const counter = registry.counter("demo_total", "Demo.", ["a", "b"]);
    counter.inc({ a: "1", b: "2" });
    counter.inc({ a: "1", b: "2" });
    counter.inc({ a: "12", b: "" });
    const read = parseExposition(registry.render());
    expect(valueOf(read, "demo_total", { a: "1", b: "2" })).toBe(2);
    expect(valueOf(read, "demo_total", { a: "12" })).toBe(1);
  });

  it("formats values as Prometheus parses them", () => {
    expect([formatValue(3), formatValue(0.25), formatValue(Infinity), formatValue(-Infinity), formatValue(NaN)]).toEqual(["3", "0.25", "+Inf", "-Inf", "NaN"]);
    expect(formatValue(1e-7)).toBe("1e-7");
  });

  it("refuses names Prometheus would not accept, the le label, a falling counter, a metric declared twice", () => {
    expect(() => new Counter("bad-name", "x", [])).toThrow();
    expect(() => new Counter("ok_total", "x", ["bad-label"])).toThrow();
    expect(() => new Counter("ok_total", "x", ["__reserved"])).toThrow();
    expect(() => new Histogram("ok_seconds", "x", ["le"], [1])).toThrow();
    expect(() => new Histogram("ok_seconds", "x", [], [])).toThrow();
    expect(() => new Counter("ok_total", "x", []).inc({}, -1)).toThrow();
    const registry = new Registry();
    registry.counter("twice_total", "x");
    expect(() => registry.counter("twice_total", "x")).toThrow();
  });

  it("ignores an observation that is not a finite number", () => {
    const histogram = new Histogram("demo_seconds", "Time.", [], [1]);
    histogram.observe({}, NaN);
    histogram.observe({}, Infinity);
    expect(histogram.render()).toHaveLength(2);
  });
});

describe("the strict reader", () => {
  it("refuses text a Prometheus server would misread", () => {
    expect(() => parseExposition("demo_total 1\n")).toThrow(/undeclared/);
    expect(() => parseExposition("# TYPE demo_total counter\ndemo_total 1")).toThrow(/line feed/);
    expect(() => parseExposition('# TYPE demo_total counter\ndemo_total{a="x\\t"} 1\n')).toThrow(/labels/);
    expect(() => parseExposition("# TYPE demo_total counter\ndemo_total 1\n# HELP demo_total late\n")).toThrow(/after/);
    expect(() => parseExposition("# TYPE demo_total counter\ndemo_total one\n")).toThrow(/value/);
  });
});
