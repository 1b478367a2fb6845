import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

// The real Ory Hydra the end-to-end suite also runs against. It is built from its Go module
// (tools/hydra pins v2.3.0 and the replace line Hydra's own go.mod needs) and cached outside the
// checkout, so a second run, or a second clone, does not rebuild it.

export const HYDRA_VERSION = "v2.3.0";
const TOOLS_MODULE = path.resolve("tools/hydra");

/** HYDRA_BIN, else `$XDG_CACHE_HOME/tobira/hydra-v2.3.0/hydra` (~/.cache by default). */
export function hydraBinaryPath(): string {
  if (process.env.HYDRA_BIN) return path.resolve(process.env.HYDRA_BIN);
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cache, "tobira", `hydra-${HYDRA_VERSION}`, "hydra");
}

export function goAvailable(): boolean {
  return spawnSync("go", ["version"], { stdio: "ignore" }).status === 0;
}

/** The binary, built first when it is missing. Throws with what to install when it cannot be. */
export function ensureHydra(): string {
  const binary = hydraBinaryPath();
  if (fs.existsSync(binary)) return binary;
  if (process.env.HYDRA_BIN) throw new Error(`HYDRA_BIN=${process.env.HYDRA_BIN} does not exist`);
  if (!goAvailable()) {
    throw new Error(`Ory Hydra ${HYDRA_VERSION} is not built and Go is missing: install Go 1.24 or newer (and gcc), or set HYDRA_BIN.`);
  }
  console.info(`Building Ory Hydra ${HYDRA_VERSION} from its Go module into ${binary} (once; a few minutes)…`);
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const partial = `${binary}.partial`;
  const result = spawnSync(
    "go",
    [
      "build",
      // Hydra's in-memory DSN is SQLite, compiled in only with this tag (and cgo).
      "-tags", "sqlite",
      "-ldflags", `-X github.com/ory/hydra/v2/driver/config.Version=${HYDRA_VERSION}`,
      "-o", partial,
      "github.com/ory/hydra/v2",
    ],
    { cwd: TOOLS_MODULE, stdio: "inherit", env: { ...process.env, CGO_ENABLED: "1" } },
  );
  if (result.status !== 0) throw new Error(`building Ory Hydra ${HYDRA_VERSION} failed (go build in tools/hydra)`);
  fs.renameSync(partial, binary);
  return binary;
}
