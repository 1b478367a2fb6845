import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// With --cpu-prof: where Tobira's UI spends its main thread, from the V8 profile node writes when
// the UI exits. Next.js bundles the app and most libraries into .next/server chunks; their
// source maps (v3, next to each chunk) say which source file a function came from, so time is
// summed by origin: a package in node_modules, or a folder of this repository.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface SourceMap {
  sources: string[];
  mappings: string;
  sections?: Array<{ offset: { line: number; column: number }; map: SourceMap }>;
}

export interface ProfileSummary {
  /** Milliseconds of main-thread samples, idle excluded. */
  busyMs: number;
  byOrigin: Array<[string, number]>;
  byFunction: Array<[string, number]>;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Segments per generated line: [generated column, source index] (Source Map v3, Base64 VLQ). */
function decode(mappings: string): Array<Array<[number, number]>> {
  const lines: Array<Array<[number, number]>> = [];
  let source = 0;
  for (const line of mappings.split(";")) {
    const segments: Array<[number, number]> = [];
    let column = 0;
    for (const segment of line.split(",")) {
      if (!segment) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0] ?? 0;
      if (values.length >= 4) source += values[1] ?? 0;
      // Later fields (source line and column, name) are not needed to name the file.
      if (values.length >= 4) segments.push([column, source]);
    }
    lines.push(segments);
  }
  return lines;
}

class MappedFile {
  private readonly decoded: Array<{ line: number; column: number; sources: string[]; lines: Array<Array<[number, number]>> }>;

  constructor(map: SourceMap, private readonly mapDir: string) {
    const sections = map.sections ?? [{ offset: { line: 0, column: 0 }, map }];
    this.decoded = sections.map((s) => ({ line: s.offset.line, column: s.offset.column, sources: s.map.sources, lines: decode(s.map.mappings) }));
  }

  /** The source file a generated position (0-based) comes from, absolute. */
  sourceAt(line: number, column: number): string | undefined {
    const section = [...this.decoded].reverse().find((s) => s.line < line || (s.line === line && s.column <= column));
    if (!section) return undefined;
    const segments = section.lines[line - section.line];
    if (!segments?.length) return undefined;
    const col = line === section.line ? column - section.column : column;
    let found: [number, number] | undefined;
    for (const segment of segments) {
      if (segment[0] > col) break;
      found = segment;
    }
    const source = section.sources[(found ?? segments[0])?.[1] ?? -1];
    return source === undefined ? undefined : path.resolve(this.mapDir, decodeURIComponent(source));
  }
}

/** "next", "@node-rs/argon2", "lib/consent", "app/login", "node:internal", … */
function originOf(file: string, root: string): string {
  const modules = file.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const parts = file.slice(modules + "/node_modules/".length).split("/");
    return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file);
  }
  const relative = path.relative(root, file);
  if (relative.startsWith("..")) return file;
  const parts = relative.split(path.sep);
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : relative;
}

export function summarizeProfile(file: string, root = process.cwd()): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const maps = new Map<string, MappedFile | undefined>();
  const mapped = (scriptPath: string) => {
    if (!maps.has(scriptPath)) {
      try {
        maps.set(scriptPath, new MappedFile(JSON.parse(fs.readFileSync(`${scriptPath}.map`, "utf8")) as SourceMap, path.dirname(scriptPath)));
      } catch {
        maps.set(scriptPath, undefined);
      }
    }
    return maps.get(scriptPath);
  };

  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busyMs = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (!ms) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === "(idle)") continue;
    busyMs += ms;
    let origin: string;
    let where = url;
    if (!url) {
      origin = functionName; // (program), (garbage collector)
    } else if (url.startsWith("node:")) {
      origin = "node (built-in modules)";
    } else {
      const scriptPath = url.startsWith("file://") ? fileURLToPath(url) : url;
      const source = mapped(scriptPath)?.sourceAt(lineNumber, columnNumber) ?? scriptPath;
      origin = originOf(source, root);
      where = path.relative(root, source);
    }
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + ms);
    const name = `${functionName || "(anonymous)"} ${where}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 15);
  return { busyMs, byOrigin: top(byOrigin), byFunction: top(byFunction) };
}
