import type Provider from "oidc-provider";
import type { ClientRepository } from "../clients";
import type { CoreConfig } from "../config";
import type { ConsentRepository } from "../consents";
import type { CoreDatabase } from "../db/store";
import type { DeviceChallengeRepository } from "../device";
import type { LogoutRepository } from "../logout";
import type { VerifierRepository } from "../verifiers";

/** Everything an admin handler may use. */
export interface AdminDeps {
  config: CoreConfig;
  db: CoreDatabase;
  provider: Provider;
  clients: ClientRepository;
  consents: ConsentRepository;
  logouts: LogoutRepository;
  devices: DeviceChallengeRepository;
  verifiers: VerifierRepository;
}
