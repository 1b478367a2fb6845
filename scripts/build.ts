import { buildUi } from "./lib/build";
import { bundleCore } from "./lib/bundle";

// `npm run build`: what a deployment that starts the processes itself needs, the core's bundle
// (.build/core.mjs, run with `node --enable-source-maps .build/core.mjs`) and the UI's build
// (run with `next start`).
bundleCore();
buildUi();
