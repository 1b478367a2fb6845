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

export function buildIfNeeded(root = process.cwd()): void {
  bundleCore(root);
  if (buildIsCurrent(root)) return;
  console.info("Building the UI (next build)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
}
