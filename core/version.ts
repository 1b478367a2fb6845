import { createRequire } from "node:module";

// The core ships with the UI, so its version is the package's (GET /version, like Hydra's).
const pkg = createRequire(import.meta.url)("../package.json") as { version: string };

export const CORE_VERSION = pkg.version;
