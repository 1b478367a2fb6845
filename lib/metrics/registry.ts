// Counters and histograms in the Prometheus text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/), written here because the UI
// needs a dozen series, not a metrics library. Rules the output keeps:
// 1. every metric has one `# HELP` and one `# TYPE` line before its samples, even with no sample;
// 2. label values escape backslash, double quote and line feed (`\\`, `\"`, `\n`); HELP text
//    escapes backslash and line feed;
// 3. a histogram's buckets are cumulative, in increasing `le`, ending with `le="+Inf"`, whose
//    count equals `_count`; `_sum` is the sum of the observed values;
// 4. an empty label value is left out (Prometheus reads a missing label and an empty one alike),
//    so one metric can carry a label that only some of its series need;
// 5. label names are fixed when a metric is declared, and their values come from the code's own
//    lists, never from a request as sent: nobody outside can grow the number of series.

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const escapeLabelValue = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const escapeHelp = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

/** A sample value as Prometheus parses it (Go's ParseFloat, plus its spellings of the infinities). */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

type LabelValues<L extends string> = Readonly<Record<L, string>>;

function labelText(pairs: readonly (readonly [string, string])[]): string {
  const shown = pairs.filter(([, value]) => value !== "");
  return shown.length ? `{${shown.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(",")}}` : "";
}

abstract class Metric<L extends string, S> {
  protected readonly series = new Map<string, { labels: LabelValues<L>; state: S }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
  ) {
    if (!METRIC_NAME.test(name)) throw new Error(`metric name ${JSON.stringify(name)} is not valid`);
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith("__")) throw new Error(`${name}: label name ${JSON.stringify(label)} is not valid`);
    }
    if (new Set(labelNames).size !== labelNames.length) throw new Error(`${name}: a label name is repeated`);
  }

  protected abstract fresh(): S;
  protected abstract samples(labels: LabelValues<L>, state: S): string[];
  abstract readonly type: "counter" | "histogram";

  protected entry(labels: LabelValues<L>): S {
    const key = JSON.stringify(this.labelNames.map((name) => labels[name]));
    let found = this.series.get(key);
    if (!found) {
      // Only the declared names, in their declared order, whatever else the object holds.
      const own = Object.fromEntries(this.labelNames.map((name) => [name, labels[name]])) as LabelValues<L>;
      found = { labels: own, state: this.fresh() };
      this.series.set(key, found);
    }
    return found.state;
  }

  protected pairs(labels: LabelValues<L>): [string, string][] {
    return this.labelNames.map((name) => [name, labels[name]]);
  }

  render(): string[] {
    return [
      `# HELP ${this.name} ${escapeHelp(this.help)}`,
      `# TYPE ${this.name} ${this.type}`,
      ...[...this.series.values()].flatMap(({ labels, state }) => this.samples(labels, state)),
    ];
  }
}

export class Counter<L extends string = never> extends Metric<L, { value: number }> {
  readonly type = "counter";

  /** `initial`: series shown as 0 before anything happened, so a rate starts from a known zero. */
  constructor(name: string, help: string, labelNames: readonly L[], initial: readonly LabelValues<L>[] = []) {
    super(name, help, labelNames);
    for (const labels of initial) this.entry(labels);
  }

  protected fresh() {
    return { value: 0 };
  }

  inc(labels: LabelValues<L>, by = 1): void {
    if (!(by >= 0)) throw new Error(`${this.name}: a counter only goes up`);
    this.entry(labels).value += by;
  }

  protected samples(labels: LabelValues<L>, state: { value: number }): string[] {
    return [`${this.name}${labelText(this.pairs(labels))} ${formatValue(state.value)}`];
  }
}

interface HistogramState {
  /** Observations per bucket (not cumulative); the last slot is above the highest bound. */
  counts: number[];
  sum: number;
}

export class Histogram<L extends string = never> extends Metric<L, HistogramState> {
  readonly type = "histogram";
  readonly buckets: readonly number[];

  constructor(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]) {
    super(name, help, labelNames);
    if ((labelNames as readonly string[]).includes("le")) throw new Error(`${name}: "le" is the bucket label`);
    const sorted = [...new Set(buckets)].filter(Number.isFinite).sort((a, b) => a - b);
    if (sorted.length === 0) throw new Error(`${name}: a histogram needs a finite bucket bound`);
    this.buckets = sorted;
  }

  protected fresh(): HistogramState {
    return { counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0 };
  }

  observe(labels: LabelValues<L>, value: number): void {
    if (!Number.isFinite(value)) return;
    const state = this.entry(labels);
    const index = this.buckets.findIndex((bound) => value <= bound);
    state.counts[index === -1 ? this.buckets.length : index]! += 1;
    state.sum += value;
  }

  protected samples(labels: LabelValues<L>, state: HistogramState): string[] {
    const pairs = this.pairs(labels);
    const lines: string[] = [];
    let cumulative = 0;
    const bounds = [...this.buckets, Infinity];
    bounds.forEach((bound, index) => {
      cumulative += state.counts[index]!;
      lines.push(`${this.name}_bucket${labelText([...pairs, ["le", formatValue(bound)]])} ${cumulative}`);
    });
    lines.push(`${this.name}_sum${labelText(pairs)} ${formatValue(state.sum)}`);
    lines.push(`${this.name}_count${labelText(pairs)} ${cumulative}`);
    return lines;
  }
}

export class Registry {
  private readonly metrics = new Map<string, { render(): string[] }>();

  private add<M extends { readonly name: string; render(): string[] }>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`metric ${metric.name} is declared twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], initial: readonly LabelValues<L>[] = []): Counter<L> {
    return this.add(new Counter<L>(name, help, labelNames, initial));
  }

  histogram<L extends string = never>(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]): Histogram<L> {
    return this.add(new Histogram<L>(name, help, labelNames, buckets));
  }

  render(): string {
    return `${[...this.metrics.values()].flatMap((metric) => metric.render()).join("\n")}\n`;
  }
}
