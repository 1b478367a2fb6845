// `npm start`: compiles the launcher (scripts/start.ts) and runs it with plain node, so that no
// process of a running Tobira compiles TypeScript at run time (scripts/lib/bundle.ts says why).
// Plain JavaScript: it runs before anything is compiled.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

const launcher = path.resolve(".build/start.mjs");
buildSync({
  entryPoints: ["scripts/start.ts"],
  outfile: launcher,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});
await import(pathToFileURL(launcher).href);
