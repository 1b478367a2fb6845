import type Provider from "oidc-provider";
import type { Atomic } from "../../common/db/atomic";
import type { ClientRepository } from "../clients";
import type { CoreConfig } from "../config";
import type { ConsentRepository } from "../consents";
import type { CoreDatabase } from "../db/store";
import type { DeviceChallengeRepository } from "../device";
import type { LiveProvider } from "../live-provider";
import type { LogoutRepository } from "../logout";
import type { CoreMetrics } from "../metrics";
import type { VerifierRepository } from "../verifiers";

/** Everything an admin handler may use. */
export interface AdminDeps {
  config: CoreConfig;
  db: CoreDatabase;
  /** All-or-nothing writes: every query on `db` inside joins one transaction (common/db/atomic.ts). */
  atomic: Atomic;
  /** The current provider (it is rebuilt when the ID token keys change: read it per request). */
  readonly provider: Provider;
  /** Changes to the ID token key set. */
  signing: LiveProvider;
  metrics: CoreMetrics;
  clients: ClientRepository;
  consents: ConsentRepository;
  logouts: LogoutRepository;
  devices: DeviceChallengeRepository;
  verifiers: VerifierRepository;
}
