import zlib from "node:zlib";
import { attributesOf } from "./browser";

// The numbers besides flow times: percentiles, the core's admin-call counters, page weight.

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** The core's own request counters (GET /admin/metrics/prometheus), admin listener only, by
 * "METHOD route", without the scrape itself and the health checks. Read before and after a run:
 * no proxy between the UI and the core, so counting adds no hop to the times measured. */
export async function adminCalls(adminUrl: string): Promise<Map<string, number>> {
  const res = await fetch(`${adminUrl}/admin/metrics/prometheus`);
  if (!res.ok) throw new Error(`metrics: HTTP ${res.status}`);
  const counts = new Map<string, number>();
  for (const line of (await res.text()).split("\n")) {
    const match = /^http_requests_total\{([^}]*)\}\s+(\d+)/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[1] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (labels.server !== "admin" || /metrics|health/.test(labels.route ?? "")) continue;
    const key = `${labels.method} ${labels.route}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(match[2]));
  }
  return counts;
}

export function difference(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  const diff = new Map<string, number>();
  for (const [key, count] of after) {
    const delta = count - (before.get(key) ?? 0);
    if (delta) diff.set(key, delta);
  }
  return diff;
}

export const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

export interface Weight {
  raw: number;
  gzip: number;
  files: number;
}

export interface PageWeight {
  html: Weight;
  css: Weight;
  js: Weight;
  total: Weight;
}

const gzipped = (bytes: Buffer) => zlib.gzipSync(bytes).length;

/** What a first visit downloads for the page: the HTML (Next.js's inline flight data included),
 * every stylesheet and every script it references (`<script src>`, and scripts it preloads),
 * each gzipped on its own at zlib's default level, as `next start` compresses them. Images and
 * fonts are not counted. */
export async function pageWeight(url: URL, html: string, headers: Record<string, string> = {}): Promise<PageWeight> {
  const styles = new Set<string>();
  const scripts = new Set<string>();
  for (const match of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const a = attributesOf(match[0]);
    if (match[1]?.toLowerCase() === "script") {
      const src = a.get("src");
      if (src) scripts.add(new URL(src, url).href);
      continue;
    }
    const rel = (a.get("rel") ?? "").toLowerCase().split(/\s+/);
    const href = a.get("href");
    if (!href) continue;
    if (rel.includes("stylesheet") || (rel.includes("preload") && a.get("as") === "style")) styles.add(new URL(href, url).href);
    if (rel.includes("modulepreload") || (rel.includes("preload") && a.get("as") === "script")) scripts.add(new URL(href, url).href);
  }
  const weigh = async (urls: Set<string>): Promise<Weight> => {
    const weight = { raw: 0, gzip: 0, files: urls.size };
    for (const href of urls) {
      const res = await fetch(href, { headers });
      if (!res.ok) throw new Error(`${href}: HTTP ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      weight.raw += bytes.length;
      weight.gzip += gzipped(bytes);
    }
    return weight;
  };
  const page = Buffer.from(html);
  const htmlWeight = { raw: page.length, gzip: gzipped(page), files: 1 };
  const css = await weigh(styles);
  const js = await weigh(scripts);
  const sum = (key: keyof Weight) => htmlWeight[key] + css[key] + js[key];
  return { html: htmlWeight, css, js, total: { raw: sum("raw"), gzip: sum("gzip"), files: sum("files") } };
}
