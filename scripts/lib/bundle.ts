import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

// The embedded core runs as JavaScript compiled from its TypeScript, not through tsx: tsx compiles
// at run time in a second node process that only forwards signals, which cost about 50 MB and a
// second or two of every start (docs/BENCHMARKS.md). Bundling takes a fraction of a second, so it
// is done whenever the UI's build is checked; the packages stay in node_modules.

const BUNDLE_DIR = ".build";
export const CORE_BUNDLE = path.join(BUNDLE_DIR, "core.mjs");

/** How to run the bundled core: node's argv after its path (stack traces point into core/). */
export const CORE_ARGS = ["--enable-source-maps", path.resolve(CORE_BUNDLE)];

export function bundleCore(root = process.cwd()): void {
  bundle("core/main.ts", CORE_BUNDLE, root);
}

/** Bundles `entry` into `outfile`, replacing it at once: a process started from it at the same
 * moment (two test runs in one checkout) reads the old file or the new one, never half of one. */
export function bundle(entry: string, outfile: string, root = process.cwd()): void {
  const result = buildSync({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    write: false,
    logLevel: "warning",
  });
  for (const file of result.outputFiles) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.partial`;
    fs.writeFileSync(partial, file.contents);
    fs.renameSync(partial, file.path);
  }
}
