import { spawnSync } from "node:child_process";

// The failure drills (e2e/drills-*.spec.ts) make PostgreSQL databases of their own, also when the
// suite runs on the embedded database. Order: DATABASE_URL or TOBIRA_E2E_POSTGRES when set (a
// server where that role may create databases); else the machine's first Debian cluster, started,
// with the role tobira_ci (password tobira_ci, CREATEDB) — as root, installing Debian's
// postgresql with apt-get when it is missing; otherwise it says what to set up.

const ROLE_SQL =
  "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='tobira_ci') " +
  "THEN CREATE ROLE tobira_ci LOGIN PASSWORD 'tobira_ci' CREATEDB; ELSE ALTER ROLE tobira_ci CREATEDB; END IF; END$$";

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;
const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;

/** The server URL the drills create their databases on (for TOBIRA_E2E_POSTGRES). */
export function drillPostgres(): string {
  const configured = process.env.DATABASE_URL ?? process.env.TOBIRA_E2E_POSTGRES;
  if (configured) return configured;
  const help =
    "The failure drills need PostgreSQL. Install Debian's postgresql (the suite then starts its cluster " +
    "and creates the role tobira_ci when run as root), or set TOBIRA_E2E_POSTGRES to a server URL whose role may create databases.";
  if (!isRoot()) throw new Error(help);
  if (!has("pg_lsclusters") && has("apt-get")) {
    console.info("PostgreSQL not found: installing Debian's postgresql with apt-get…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    spawnSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env });
  }
  const clusters = spawnSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" });
  const [version, name, port] = (clusters.stdout ?? "").trim().split("\n")[0]?.split(/\s+/) ?? [];
  if (clusters.status !== 0 || !version || !name || !port) throw new Error(help);
  spawnSync("pg_ctlcluster", [version, name, "start"], { stdio: "ignore" });
  const role = spawnSync("su", ["postgres", "-c", `psql -q -p ${port} -c "${ROLE_SQL.replaceAll("$", "\\$")}"`], { encoding: "utf8" });
  if (role.status !== 0) throw new Error(`${help}\n${role.stderr}`);
  return `postgres://tobira_ci:tobira_ci@127.0.0.1:${port}/postgres`;
}
