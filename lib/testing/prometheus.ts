// A strict reader of the Prometheus text exposition format 0.0.4 for the tests (unit and e2e):
// it refuses what a Prometheus server would refuse or misread, so a test that reads a value
// also proves the text around it is well-formed.
// 1. Every line ends with a line feed; no blank lines.
// 2. `# HELP` and `# TYPE` come once per family, before its samples; the type is known.
// 3. A sample belongs to a declared family: its name, or for a histogram `_bucket`, `_sum`, `_count`.
// 4. Label values are quoted, with only `\\`, `\"` and `\n` as escapes; a name appears once.
// 5. Values are Go floats (`+Inf`, `-Inf`, `NaN` included).

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  types: Map<string, string>;
  help: Map<string, string>;
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

function parseValue(text: string, line: string): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (text === "NaN") return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`not a value: ${JSON.stringify(line)}`);
  return Number(text);
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length) {
    const match = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/.exec(rest);
    if (!match) throw new Error(`bad labels: ${JSON.stringify(line)}`);
    const [whole, name, raw] = match as unknown as [string, string, string];
    if (name in labels) throw new Error(`label ${name} repeated: ${JSON.stringify(line)}`);
    labels[name] = raw.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    rest = rest.slice(whole.length);
  }
  return labels;
}

export function parseExposition(text: string): Exposition {
  if (text.length && !text.endsWith("\n")) throw new Error("the exposition does not end with a line feed");
  const result: Exposition = { samples: [], types: new Map(), help: new Map() };
  const sampled = new Set<string>();
  const familyOf = (name: string) => {
    if (result.types.has(name)) return name;
    const base = name.replace(/_(bucket|sum|count)$/, "");
    return result.types.get(base) === "histogram" || result.types.get(base) === "summary" ? base : undefined;
  };
  for (const line of text.slice(0, -1).split("\n")) {
    const comment = new RegExp(`^# (HELP|TYPE) (${NAME}) (.*)$`).exec(line);
    if (comment) {
      const [, kind, name, rest] = comment as unknown as [string, string, string, string];
      const map = kind === "HELP" ? result.help : result.types;
      if (map.has(name)) throw new Error(`${kind} of ${name} repeated`);
      if (sampled.has(name)) throw new Error(`${kind} of ${name} after its samples`);
      if (kind === "TYPE" && !TYPES.has(rest)) throw new Error(`unknown type: ${JSON.stringify(line)}`);
      if (kind === "HELP" && /\\[^\\n]/.test(rest.replace(/\\\\/g, ""))) throw new Error(`bad escape in HELP: ${JSON.stringify(line)}`);
      map.set(name, kind === "HELP" ? rest.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c)) : rest);
      continue;
    }
    if (line.startsWith("#")) continue;
    const sample = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`).exec(line);
    if (!sample) throw new Error(`not a sample: ${JSON.stringify(line)}`);
    const [, name, labels, value] = sample as unknown as [string, string, string | undefined, string];
    const family = familyOf(name);
    if (!family) throw new Error(`sample of an undeclared family: ${JSON.stringify(line)}`);
    sampled.add(family);
    result.samples.push({ name, labels: parseLabels(labels ?? "", line), value: parseValue(value, line) });
  }
  return result;
}

const sameLabels = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => b[key] === value);

/** The value of the sample with exactly these labels; 0 when the series does not exist yet. */
export function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples.find((s) => s.name === name && sameLabels(s.labels, labels))?.value ?? 0;
}
