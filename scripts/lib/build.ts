import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { bundleCore } from "./bundle";

// `npm start` and `npm test` build the UI only when a source file is newer than the last build.

const SOURCES = ["app", "components", "lib", "common", "locales", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildIsCurrent(root = process.cwd()): boolean {
  const marker = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(marker)) return false;
  const built = fs.statSync(marker).mtimeMs;
  return SOURCES.every((source) => newestMtime(path.join(root, source)) <= built);
}

/** A build that ran longer than this without finishing died without removing its lock. */
const STALE_LOCK_MS = 20 * 60_000;

export function buildIfNeeded(root = process.cwd()): void {
  bundleCore(root);
  if (buildIsCurrent(root)) return;
  // Two commands started together in one checkout (CI runs two `npm test` at once) must not
  // build into the same .next at the same time: the second waits, then finds the build current.
  const lock = path.join(root, ".next-build.lock");
  while (!takeLock(lock)) sleep(1000);
  try {
    if (buildIsCurrent(root)) return;
    buildUi(root);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The UI's production build (`next build`), whatever the state of the last one. */
export function buildUi(root = process.cwd()): void {
  console.info("Building the UI (next build)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
}

function takeLock(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
