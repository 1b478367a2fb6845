import { AsyncLocalStorage } from "node:async_hooks";
import type { DatabaseConnection, Dialect, Driver, Kysely, TransactionSettings } from "kysely";

// All-or-nothing writes that span modules. `atomic(work)` runs `work` in one transaction, and
// every query made on the database while it runs — by any module, through the Kysely instance it
// was given at start (the core's oidc-provider adapter, its repositories, the UI's stores) — goes
// to that transaction's connection. A process killed half-way leaves nothing: the database rolls
// the open transaction back when the connection drops.
// Rules:
// 1. an `atomic` inside an `atomic` joins the outer one (one commit, at the end of the outer);
// 2. so does Kysely's own `db.transaction()` inside it: a second BEGIN would commit early (on
//    PostgreSQL) or fail (on SQLite);
// 3. work that outlives the transaction (something started inside and not awaited) gets ordinary
//    connections again once it has ended, never the released one.

interface Scope {
  connection: DatabaseConnection;
  open: boolean;
}

export type Atomic = <T>(work: () => Promise<T>) => Promise<T>;

/** Wraps a dialect so that its Kysely instance supports `atomic`. */
export function scopedDialect(inner: Dialect): { dialect: Dialect; atomicFor: (db: Kysely<unknown>) => Atomic } {
  const scopes = new AsyncLocalStorage<Scope>();
  let driver: ScopedDriver | undefined;
  const dialect: Dialect = {
    createDriver: () => (driver = new ScopedDriver(inner.createDriver(), scopes)),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
  const atomicFor =
    (db: Kysely<unknown>): Atomic =>
    async (work) => {
      if (scopes.getStore()?.open) return work();
      // Kysely initialises its driver on the first query.
      if (!driver?.ready) await db.selectNoFrom((eb) => eb.lit(1).as("one")).execute();
      return driver!.run(work);
    };
  return { dialect, atomicFor };
}

class ScopedDriver implements Driver {
  ready = false;

  constructor(
    private readonly inner: Driver,
    private readonly scopes: AsyncLocalStorage<Scope>,
  ) {}

  private held(): DatabaseConnection | undefined {
    const scope = this.scopes.getStore();
    return scope?.open ? scope.connection : undefined;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const connection = await this.inner.acquireConnection();
    const scope: Scope = { connection, open: true };
    try {
      await this.inner.beginTransaction(connection, {});
      try {
        const result = await this.scopes.run(scope, work);
        await this.inner.commitTransaction(connection);
        return result;
      } catch (error) {
        await this.inner.rollbackTransaction(connection).catch(() => undefined);
        throw error;
      }
    } finally {
      scope.open = false;
      await this.inner.releaseConnection(connection);
    }
  }

  async init() {
    await this.inner.init();
    this.ready = true;
  }
  destroy() {
    return this.inner.destroy();
  }
  async acquireConnection() {
    return this.held() ?? this.inner.acquireConnection();
  }
  async releaseConnection(connection: DatabaseConnection) {
    if (connection !== this.held()) await this.inner.releaseConnection(connection);
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    if (connection !== this.held()) await this.inner.beginTransaction(connection, settings);
  }
  async commitTransaction(connection: DatabaseConnection) {
    if (connection !== this.held()) await this.inner.commitTransaction(connection);
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    // Inside `atomic` the failure reaches the outer work, which rolls everything back.
    if (connection !== this.held()) await this.inner.rollbackTransaction(connection);
  }
}
