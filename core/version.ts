import pkg from "../package.json" with { type: "json" };

// The core ships with the UI, so its version is the package's (GET /version, like Hydra's).
export const CORE_VERSION: string = pkg.version;
