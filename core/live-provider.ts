import type http from "node:http";
import type Provider from "oidc-provider";
import type { JWK } from "oidc-provider";
import type { Engine } from "../common/db/connect";
import type { CoreDatabase } from "./db/store";
import { ensureSigningKeys, ID_TOKEN_SET, listKeys, setFingerprint } from "./keys";

// oidc-provider reads its signing keys once, when a Provider is constructed, and derives from
// them what discovery and the jwks endpoint answer. A change of the ID token key set therefore
// builds a new Provider and swaps it in: requests already inside the old one finish there (every
// flow's state is in the database, cookies are signed with the same secret), new requests reach
// the new one. The old public keys stay in jwks.json until their key is deleted, so tokens
// signed before a rotation still verify.

/** A change the signing keys cannot take (oidc-provider's reason, safe to show the admin). */
export class InvalidSigningKeys extends Error {
  override name = "InvalidSigningKeys";
}

export class LiveProvider {
  private current: Provider;
  private handler: http.RequestListener;
  private fingerprint: string;
  /** Changes run one after another, so two rotations cannot interleave their swaps. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: CoreDatabase,
    private readonly engine: Engine,
    private readonly build: (keys: JWK[]) => Provider,
    first: Provider,
    fingerprint: string,
  ) {
    this.current = first;
    this.handler = first.callback();
    this.fingerprint = fingerprint;
  }

  static async open(db: CoreDatabase, engine: Engine, build: (keys: JWK[]) => Provider): Promise<LiveProvider> {
    await ensureSigningKeys(db, engine);
    const provider = build(await listKeys(db, ID_TOKEN_SET));
    return new LiveProvider(db, engine, build, provider, await setFingerprint(db, ID_TOKEN_SET));
  }

  get provider(): Provider {
    return this.current;
  }

  /** The public listener: always the current provider. */
  readonly listener: http.RequestListener = (req, res) => this.handler(req, res);

  /**
   * Applies a change to the ID token key set in one transaction: the set's defaults restored, a
   * provider built from the result. The change is kept only if that provider could be built.
   */
  change<T>(apply: (db: CoreDatabase) => Promise<T>): Promise<T> {
    return this.serially(async () => {
      let next: { provider: Provider; fingerprint: string } | undefined;
      const result = await this.db.transaction().execute(async (trx) => {
        const value = await apply(trx);
        await ensureSigningKeys(trx, this.engine);
        next = { provider: this.buildChecked(await listKeys(trx, ID_TOKEN_SET)), fingerprint: await setFingerprint(trx, ID_TOKEN_SET) };
        return value;
      });
      if (next) this.swap(next.provider, next.fingerprint);
      return result;
    });
  }

  /** Picks up a change another core process made in a shared database. */
  refresh(): Promise<void> {
    return this.serially(async () => {
      const fingerprint = await setFingerprint(this.db, ID_TOKEN_SET);
      if (fingerprint === this.fingerprint) return;
      this.swap(this.build(await listKeys(this.db, ID_TOKEN_SET)), fingerprint);
    });
  }

  private buildChecked(keys: JWK[]): Provider {
    try {
      return this.build(keys);
    } catch (err) {
      throw new InvalidSigningKeys(err instanceof Error ? err.message : String(err));
    }
  }

  private swap(provider: Provider, fingerprint: string): void {
    this.current = provider;
    this.handler = provider.callback();
    this.fingerprint = fingerprint;
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
