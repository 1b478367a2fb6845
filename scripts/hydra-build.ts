import { ensureHydra } from "./lib/hydra";

// `npm run hydra:build`: builds Ory Hydra v2.3.0 into the cache (once) and prints where it is.
try {
  console.info(ensureHydra());
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
