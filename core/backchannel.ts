import type Provider from "oidc-provider";
import type { Session } from "oidc-provider";
import { coreLog } from "./log";

// OIDC Back-Channel Logout 1.0: when a login session ends, every client it signed in to that
// registered a backchannel_logout_uri gets a logout token (§2.4, signed like its ID tokens, with
// `sid` when it asked for backchannel_logout_session_required) POSTed to that URI (§2.5).
// oidc-provider does this only in its own end-session form, which the core replaces (logout.ts),
// so the core calls the client's sender itself. A client that does not answer 200 does not stop
// the logout (§2.8); it is logged.

interface BackchannelClient {
  backchannelLogoutUri?: string;
  backchannelLogout(sub: string, sid: string | undefined): Promise<void>;
}

export async function sendBackchannelLogout(provider: Provider, session: Session): Promise<void> {
  const { accountId } = session;
  if (!accountId) return;
  await Promise.all(
    Object.keys(session.authorizations ?? {}).map(async (clientId) => {
      const client = (await provider.Client.find(clientId)) as unknown as BackchannelClient | undefined;
      if (!client?.backchannelLogoutUri) return;
      try {
        await client.backchannelLogout(accountId, session.sidFor(clientId));
      } catch (err) {
        coreLog.warn("back-channel logout failed", { clientId, error: err });
      }
    }),
  );
}
