import "server-only";
import { sql } from "kysely";
import { challenges } from "@/lib/challenge";
import { identityStore } from "@/lib/identity";

// Whether Tobira can serve sign-ins: its identity store answers a query and the authorization
// server's admin API answers its readiness check. `/api/health` asks afresh; `proxy.ts` asks
// before each page and gets an answer at most a second old, so that while the database is down
// people get the translated retry page (503) instead of a form that cannot work.

export type PartState = "ok" | "unavailable";

export interface Readiness {
  ready: boolean;
  identityStore: PartState;
  authorizationServer: PartState;
}

/** A database that accepts connections but does not answer counts as down after this long. */
const STORE_TIMEOUT_MS = 3000;
const STORE_ANSWER_TTL_MS = 1000;

export async function readiness(): Promise<Readiness> {
  const [store, admin] = await Promise.all([storeAnswers(), challenges().isReady()]);
  return { ready: store && admin, identityStore: state(store), authorizationServer: state(admin) };
}

const state = (ok: boolean): PartState => (ok ? "ok" : "unavailable");

// Kept on globalThis: proxy.ts and the pages are bundled apart but run in one process.
const shared = globalThis as typeof globalThis & {
  __tobiraStoreAnswer?: { at: number; ok: Promise<boolean> };
  __tobiraStoreWasDown?: boolean;
};

/** The identity store's last answer if it is recent, else a fresh one (one probe at a time). */
export function storeReachable(): Promise<boolean> {
  const last = shared.__tobiraStoreAnswer;
  if (last && Date.now() - last.at < STORE_ANSWER_TTL_MS) return last.ok;
  return storeAnswers();
}

/** A fresh answer from the identity store (which storeReachable then reuses). */
export function storeAnswers(): Promise<boolean> {
  const ok = selectOne();
  shared.__tobiraStoreAnswer = { at: Date.now(), ok };
  return ok;
}

async function selectOne(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS);
  });
  try {
    const query = identityStore().then(({ database }) => sql`select 1`.execute(database.db));
    await Promise.race([query, timeout]);
    if (shared.__tobiraStoreWasDown) console.info("[tobira] health: identity store answers again");
    shared.__tobiraStoreWasDown = false;
    return true;
  } catch (error) {
    // Said once per outage, not once a second.
    if (!shared.__tobiraStoreWasDown) console.error("[tobira] health: identity store unavailable", error instanceof Error ? error.message : error);
    shared.__tobiraStoreWasDown = true;
    return false;
  } finally {
    clearTimeout(timer);
  }
}
