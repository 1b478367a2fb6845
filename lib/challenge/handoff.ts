import "server-only";
import type { ConsentRequest, LoginRequest } from "./types";

// proxy.ts reads a login or consent request to choose the page's language and brand, and the page
// of the same HTTP request needs the same request a moment later: rather than ask the admin API
// twice, the proxy leaves what it read here under a fresh id, sent on in an x-tobira- header
// (which only the proxy sets: a browser's own are dropped), and the page takes it once. Nothing
// outlives its request by more than a few seconds, so a page never sees an older state than it
// would have fetched itself. The proxy and the pages are bundled apart but run in one process, so
// the map hangs off globalThis; where they do not share it, the page simply asks the admin API.

export const HANDOFF_HEADER = "x-tobira-handoff";

export type Handed = { kind: "login"; challenge: string; request: LoginRequest } | { kind: "consent"; challenge: string; request: ConsentRequest };

const KEEP_MS = 5_000;
const MAX_ENTRIES = 500;
const SLOT = Symbol.for("tobira.challenge-handoff");

function entries(): Map<string, { handed: Handed; expires: number }> {
  const holder = globalThis as { [SLOT]?: Map<string, { handed: Handed; expires: number }> };
  return (holder[SLOT] ??= new Map());
}

/** Leaves a request for the page of this HTTP request; returns the id to send on. */
export function handOver(handed: Handed, now = Date.now()): string {
  const map = entries();
  for (const [id, entry] of map) if (entry.expires <= now || map.size >= MAX_ENTRIES) map.delete(id);
  const id = crypto.randomUUID();
  map.set(id, { handed, expires: now + KEEP_MS });
  return id;
}

/** The request the proxy left under `id`, if it is of this kind and challenge; each is taken once. */
export function takeOver<K extends Handed["kind"]>(id: string | null | undefined, kind: K, challenge: string, now = Date.now()) {
  if (!id) return undefined;
  const map = entries();
  const entry = map.get(id);
  if (!entry) return undefined;
  map.delete(id);
  if (entry.expires <= now || entry.handed.kind !== kind || entry.handed.challenge !== challenge) return undefined;
  return entry.handed.request as Extract<Handed, { kind: K }>["request"];
}
