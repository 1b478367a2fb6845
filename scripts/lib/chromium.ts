import fs from "node:fs";
import { spawnSync } from "node:child_process";

// Playwright cannot download its own browser here: the suite uses the system Chromium.
// Order: CHROMIUM_PATH, then Debian's /usr/bin/chromium; as root with apt-get it installs
// Debian's chromium, CJK fonts (Japanese pages) and DejaVu (Arabic glyphs), otherwise it says
// what to install. Screenshot baselines assume exactly these fonts.

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export function findChromium(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (canInstall()) {
    console.info("Chromium not found: installing Debian's chromium, fonts-noto-cjk and fonts-dejavu-core with apt-get…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-noto-cjk", "fonts-dejavu-core"], { stdio: "inherit", env });
    if (update.status === 0 && install.status === 0 && fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  }
  throw new Error(
    "No Chromium found. Install one (Debian: `sudo apt-get install chromium fonts-noto-cjk fonts-dejavu-core`) " +
      "or set CHROMIUM_PATH to a Chromium/Chrome executable.",
  );
}

function canInstall(): boolean {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return isRoot && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
}
