import { applyPatch } from '@scimkit/patch';
import {
  createRegistry,
  describeProblem,
  describeValue,
  type IssuedToken,
  isPlainObject,
  isScimError,
  type PatchOperation,
  type PatchOutcome,
  type QueryOptions,
  type QueryResult,
  type ReadOptions,
  type RequestContext,
  type SchemaDefinition,
  type SchemaRegistry,
  ScimError,
  type ScimEvent,
  type ScimResource,
  type ScimStore,
  type Tenant,
  type TokenInfo,
  validateResource,
  type WriteOptions,
} from '@scimkit/schema';
import { changedPaths, createdPaths } from './_internal/changes.ts';
import { CountCache } from './_internal/count-cache.ts';
import { Db } from './_internal/db.ts';
import {
  composeResource,
  emailKeys,
  emailKeysMayDiffer,
  type GroupValue,
  type MemberValue,
  newId,
  prepareDocument,
  type ResourceRow,
} from './_internal/documents.ts';
import { type EventInput, EventWriter, readEvents } from './_internal/events.ts';
import {
  addMembers,
  readGroups,
  readMembers,
  removeAllMembers,
  removeMembers,
  replaceMembers,
  resolveMembers,
} from './_internal/members.ts';
import { migrate } from './_internal/migrations.ts';
import { buildQuery, nextCursor, type QueryStatements } from './_internal/query.ts';
import {
  canonicalType,
  checkExtension,
  type LearnedSchema,
  Registries,
  saveExtension,
} from './_internal/registries.ts';
import { insertRows, loadRow, type NewRow, requireRow, updateRow, writeEmails } from './_internal/rows.ts';
import type { TenantRow } from './_internal/tenants.ts';
import * as tenants from './_internal/tenants.ts';
import * as tokens from './_internal/tokens.ts';
import { checkVersion } from './_internal/versions.ts';
import { WriteQueue } from './_internal/write-queue.ts';
import type { Driver, DriverFactory, SqlValue } from './driver.ts';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** An opened driver, or a factory that opens one on first use (lazily). */
  driver: Driver | DriverFactory;
  /**
   * `full` (default): every commit is fsynced before it is acknowledged, so it survives a
   * power cut as well as `kill -9`. `normal`: WAL commits reach the OS before they are
   * acknowledged, so they survive `kill -9` of the process; a power cut or OS crash may lose
   * the last transactions. See README "Durability".
   */
  durability?: 'full' | 'normal';
  /**
   * Group commit (default `true`): writes issued in the same turn of the event loop share one
   * transaction and one commit, each in its own savepoint. Under concurrent requests this
   * multiplies write throughput, most of all with `durability: 'full'`; each write still
   * settles only once committed. `false` commits every write on its own.
   */
  groupCommit?: boolean;
  /** How long a write waits for another connection's write lock before a 429. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Page size when a query gives no `count`. Default 100. */
  defaultCount?: number;
  /** Largest page a query returns, whatever `count` asks. Default 1000. */
  maxResults?: number;
  /** Clock, for tests. */
  now?: () => Date;
  /** `lastUsedAt` of a token is written at most this often. Default 60,000 ms. */
  tokenUseResolutionMs?: number;
}

/** What one write transaction works with. */
interface WriteContext {
  tenant: TenantRow;
  registry: SchemaRegistry;
  /** The resource type's canonical name (`User`). */
  type: string;
  events: EventWriter;
  /** Extension schemas learned from the input, saved before commit. */
  learned: LearnedSchema[];
  /** One timestamp for everything the write touches. */
  now: string;
}

/**
 * A `ScimStore` on SQLite (see ARCHITECTURE.md, "scim-store-sqlite"). Every call runs
 * synchronously on one connection inside one transaction; the `Promise`s are for the
 * contract, which other backends implement with real I/O.
 */
export class SqliteStore implements ScimStore {
  readonly #options: SqliteStoreOptions;
  readonly #registries = new Registries();
  readonly #counts = new CountCache();
  readonly #secretHashes = new tokens.SecretHashes();
  #db: Db | undefined;
  #queue: WriteQueue | undefined;
  #opening: Promise<Db> | undefined;
  #closed = false;
  /** Calls under way, which `close` lets finish. */
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(options: SqliteStoreOptions) {
    if (options === null || typeof options !== 'object' || options.driver === undefined) {
      throw new TypeError(
        '[scim-store-sqlite] createSqliteStore needs a driver: expected { driver } or, from a runtime entry, { filename }.',
      );
    }
    this.#options = options;
  }

  /** The driver's name (`better-sqlite3`, `bun:sqlite`, `node:sqlite`, or a custom one) once open. */
  get driverName(): string | undefined {
    return this.#db?.driver.name;
  }

  /** Opens the database and migrates it now rather than on first use (fail fast at startup). */
  async open(): Promise<void> {
    await this.#handle();
  }

  // Tenants ------------------------------------------------------------------------------

  createTenant(input: { name: string; id?: string }): Promise<Tenant> {
    return this.#mutate((db) => db.write(() => tenants.createTenant(db, input ?? {}, this.#now())));
  }

  listTenants(): Promise<Tenant[]> {
    return this.#run((db) => tenants.listTenants(db));
  }

  getTenant(tenantId: string): Promise<Tenant | undefined> {
    return this.#run((db) => tenants.getTenant(db, tenantId));
  }

  deleteTenant(tenantId: string): Promise<boolean> {
    return this.#mutate((db) =>
      db.write(() => {
        const row = tenants.findTenant(db, tenantId);
        if (row === undefined) return false;
        this.#registries.invalidate(row.pk);
        // The email index has no foreign key (see migrations): clear it by its tenant prefix.
        db.run('DELETE FROM email_index WHERE tenant = ?', row.pk);
        return tenants.deleteTenant(db, tenantId);
      }),
    );
  }

  // Tokens -------------------------------------------------------------------------------

  async issueToken(
    tenantId: string,
    options: { description?: string; expiresAt?: Date } = {},
  ): Promise<IssuedToken> {
    const issued = tokens.newSecret();
    const hash = tokens.hashSecret(issued.secret);
    return this.#mutate((db) =>
      db.write(() =>
        tokens.insertToken(
          db,
          tenants.requireTenant(db, tenantId),
          { ...issued, hash },
          options ?? {},
          this.#now(),
        ),
      ),
    );
  }

  listTokens(tenantId: string): Promise<TokenInfo[]> {
    return this.#run((db) => tokens.listTokens(db, tenants.requireTenant(db, tenantId)));
  }

  revokeToken(tenantId: string, tokenId: string): Promise<boolean> {
    return this.#mutate((db) =>
      db.write(() => tokens.revokeToken(db, tenants.requireTenant(db, tenantId), tokenId, this.#now())),
    );
  }

  expireToken(tenantId: string, tokenId: string, expiresAt: Date): Promise<boolean> {
    return this.#mutate((db) =>
      db.write(() => tokens.expireToken(db, tenants.requireTenant(db, tenantId), tokenId, expiresAt)),
    );
  }

  async verifyToken(tenantId: string, secret: string): Promise<TokenInfo | undefined> {
    // Hash first, whatever the input: a malformed secret costs what a real one costs. A secret
    // that verified before skips the hash (a pure function of it); the row is read every time.
    const hash =
      this.#secretHashes.get(secret) ?? tokens.hashSecret(typeof secret === 'string' ? secret : '');
    const tokenId = tokens.tokenIdOf(secret);
    return this.#run((db) => {
      const verified = tokens.verifyToken(
        db,
        tenantId,
        tokenId,
        hash,
        this.#clock(),
        this.#options.tokenUseResolutionMs ?? 60_000,
      );
      if (verified === undefined) return undefined;
      this.#secretHashes.remember(secret, hash);
      tenants.rememberTenant(db, verified.tenant);
      return verified.token;
    });
  }

  // Schemas ------------------------------------------------------------------------------

  registry(tenantId: string): Promise<SchemaRegistry> {
    return this.#run((db) => this.#registries.get(db, tenants.tenantForRead(db, tenantId)).clone());
  }

  registerExtension(tenantId: string, resourceType: string, schema: SchemaDefinition): Promise<void> {
    return this.#mutate((db) =>
      db.write(() => {
        const tenant = tenants.requireTenant(db, tenantId);
        const registry = this.#registries.get(db, tenant);
        const type = canonicalType(registry, resourceType);
        if (!isPlainObject(schema) || typeof schema.id !== 'string') {
          throw ScimError.invalidValue(
            describeProblem({
              failed: 'The extension schema cannot be registered',
              expected: 'a schema definition with an id',
              found: describeValue(schema),
            }),
          );
        }
        if (createRegistry().schema(schema.id) !== undefined) {
          throw ScimError.invalidValue(
            describeProblem({
              failed: 'The extension schema cannot be registered',
              expected: 'a URN other than the built-in schemas',
              found: schema.id,
            }),
          );
        }
        checkExtension(registry, type, schema);
        saveExtension(db, tenant, type, schema, false);
        this.#registries.invalidate(tenant.pk);
      }),
    );
  }

  // Resources ----------------------------------------------------------------------------

  create(ctx: RequestContext, resourceType: string, input: unknown): Promise<ScimResource> {
    return this.#mutate((db) =>
      this.#write(db, ctx, resourceType, (write) => this.#insert(db, write, [input], false)[0]!),
    );
  }

  createMany(ctx: RequestContext, resourceType: string, inputs: readonly unknown[]): Promise<ScimResource[]> {
    if (!Array.isArray(inputs)) {
      return Promise.reject(
        ScimError.invalidSyntax(
          describeProblem({
            failed: 'createMany needs a list',
            expected: 'an array',
            found: describeValue(inputs),
          }),
        ),
      );
    }
    return this.#mutate((db) =>
      this.#write(db, ctx, resourceType, (write) => this.#insert(db, write, inputs, true)),
    );
  }

  get(
    ctx: RequestContext,
    resourceType: string,
    id: string,
    options: ReadOptions = {},
  ): Promise<ScimResource | undefined> {
    return this.#run((db) => {
      const tenant = tenants.tenantForRead(db, ctx?.tenantId);
      const type = canonicalType(this.#registries.get(db, tenant), resourceType);
      const row = loadRow(db, tenant, type, id);
      return row === undefined ? undefined : this.#compose(db, row, options);
    });
  }

  replace(
    ctx: RequestContext,
    resourceType: string,
    id: string,
    input: unknown,
    options: WriteOptions = {},
  ): Promise<ScimResource> {
    return this.#mutate((db) =>
      this.#write(db, ctx, resourceType, ({ tenant, registry, type, events, learned, now }) => {
        learned.push(...this.#registries.learnFromResource(db, tenant, type, input));
        const row = requireRow(db, tenant, type, id);
        checkVersion(row, options.ifMatch);
        const existing = composeResource(row);
        const validated = validateResource(registry, type, input, {
          mode: 'replace',
          existing,
          registerUnknownExtensions: true,
          onRegisteredExtension: (schema) => learned.push({ resourceType: type, schema }),
        });
        const prepared = prepareDocument(registry, type, validated);
        let memberChanges = 0;
        if (type === 'Group') {
          const wanted = resolveMembers(db, tenant.pk, prepared.memberIds ?? []);
          memberChanges = replaceMembers(db, row.pk, [...wanted.values()]);
        }
        const before = JSON.parse(row.doc) as Record<string, unknown>;
        const changed = changedPaths(before, prepared.doc);
        if (memberChanges > 0) changed.push('members');
        if (changed.length === 0) return this.#compose(db, row, {});
        const updated = updateRow(db, row, prepared, now, type);
        if (emailKeysMayDiffer(before, prepared.doc)) {
          writeEmails(db, tenant.pk, row.pk, emailKeys(before), prepared.emails);
        }
        events.append({ operation: 'replace', resourceType: type, resourceId: row.id, changed });
        return this.#compose(db, updated, {});
      }),
    );
  }

  patch(
    ctx: RequestContext,
    resourceType: string,
    id: string,
    operations: readonly PatchOperation[],
    options: WriteOptions & ReadOptions = {},
  ): Promise<PatchOutcome> {
    return this.#mutate((db) =>
      this.#write(db, ctx, resourceType, ({ tenant, registry, type, events, learned, now }) => {
        if (!Array.isArray(operations)) {
          throw ScimError.invalidSyntax(
            describeProblem({
              failed: 'The PATCH is not valid',
              expected: 'a list of operations',
              found: describeValue(operations),
            }),
          );
        }
        learned.push(...this.#registries.learnFromPatch(db, tenant, type, operations));
        const row = requireRow(db, tenant, type, id);
        checkVersion(row, options.ifMatch);
        const isGroup = type === 'Group';
        // Parsed once: the engine never mutates its input, so this is still the stored document
        // when the email index is compared below.
        const before = JSON.parse(row.doc) as Record<string, unknown>;
        row.parsed = before;
        const result = applyPatch(composeResource(row), operations, registry, {
          resourceType: type,
          // Members stay in their table: the engine returns a delta instead of a new list.
          membersLoaded: !isGroup,
          loadMembers: () => readMembers(db, row.pk),
          validate: 'resource',
        });
        let memberChanges = 0;
        const delta = result.members;
        if (isGroup && delta !== undefined) {
          if (delta.removeAll) memberChanges += removeAllMembers(db, row.pk);
          if (delta.remove.length > 0) {
            memberChanges += removeMembers(db, row.pk, [
              ...resolveMembers(db, tenant.pk, delta.remove).values(),
            ]);
          }
          if (delta.add.length > 0) {
            memberChanges += addMembers(db, row.pk, [...resolveMembers(db, tenant.pk, delta.add).values()]);
          }
        }
        const prepared = prepareDocument(registry, type, result.resource);
        const docChanged = result.changed.length > 0 && prepared.json !== row.doc;
        if (!docChanged && memberChanges === 0) {
          return { resource: this.#compose(db, row, options), changed: [] };
        }
        const changed = docChanged ? result.changed.filter((path) => path !== 'members') : [];
        if (memberChanges > 0) changed.push('members');
        const updated = updateRow(db, row, prepared, now, type);
        if (docChanged && emailKeysMayDiffer(before, prepared.doc)) {
          writeEmails(db, tenant.pk, row.pk, emailKeys(before), prepared.emails);
        }
        events.append({ operation: 'patch', resourceType: type, resourceId: row.id, changed });
        return { resource: this.#compose(db, updated, options), changed };
      }),
    );
  }

  delete(ctx: RequestContext, resourceType: string, id: string, options: WriteOptions = {}): Promise<void> {
    return this.#mutate((db) =>
      this.#write(db, ctx, resourceType, ({ tenant, type, events, now }) => {
        const row = requireRow(db, tenant, type, id);
        checkVersion(row, options.ifMatch);
        // The groups it belonged to lose a member: their version moves, and the log says so.
        const groups = db.all<{ id: string }>(
          `UPDATE resources SET version = version + 1, modified = ?
           WHERE pk IN (SELECT group_pk FROM members WHERE member_pk = ?) RETURNING id`,
          now,
          row.pk,
        );
        writeEmails(db, tenant.pk, row.pk, emailKeys(JSON.parse(row.doc) as Record<string, unknown>), []);
        db.run('DELETE FROM resources WHERE pk = ?', row.pk);
        for (const group of groups) {
          events.append({
            operation: 'patch',
            resourceType: 'Group',
            resourceId: group.id,
            changed: ['members'],
          });
        }
        events.append({ operation: 'delete', resourceType: type, resourceId: row.id, changed: [] });
      }),
    );
  }

  query(ctx: RequestContext, resourceType: string, options: QueryOptions = {}): Promise<QueryResult> {
    // #run reads in one transaction: the page and the count see one snapshot.
    return this.#run((db) => {
      const tenant = tenants.tenantForRead(db, ctx?.tenantId);
      const registry = this.#registries.get(db, tenant);
      const type = canonicalType(registry, resourceType);
      const statements = buildQuery(registry, tenant.pk, type, options, this.#limits());
      const rows =
        statements.pageSize === 0
          ? []
          : db.all<ResourceRow & { sort_key: SqlValue }>(statements.page.sql, ...statements.page.params);
      const more = statements.cursorQuery !== undefined && rows.length > statements.pageSize;
      if (more) rows.length = statements.pageSize;
      const result: QueryResult = {
        resources: this.#composeMany(db, type, rows, options),
        totalResults: this.#total(db, statements, rows.length, more),
        startIndex: statements.startIndex,
      };
      if (more) result.nextCursor = nextCursor(statements.cursorQuery!, rows.at(-1)!);
      return result;
    });
  }

  /**
   * `EXPLAIN QUERY PLAN` of the page statement a query would run: how SQLite answers it
   * (`SEARCH … USING INDEX` is an index seek, `SCAN` reads every row of the tenant).
   */
  explainQuery(ctx: RequestContext, resourceType: string, options: QueryOptions = {}): Promise<string[]> {
    return this.#run((db) => {
      const tenant = tenants.requireTenant(db, ctx?.tenantId);
      const registry = this.#registries.get(db, tenant);
      const type = canonicalType(registry, resourceType);
      const { page } = buildQuery(registry, tenant.pk, type, options, this.#limits());
      return db
        .all<{ detail: string }>(`EXPLAIN QUERY PLAN ${page.sql}`, ...page.params)
        .map((row) => row.detail);
    });
  }

  // Events -------------------------------------------------------------------------------

  events(tenantId: string, options: { since?: number; limit?: number } = {}): Promise<ScimEvent[]> {
    const since = Math.max(0, Math.trunc(Number(options.since ?? 0)) || 0);
    const limit = Math.min(Math.max(1, Math.trunc(Number(options.limit ?? 1000)) || 1000), 10_000);
    return this.#run((db) => readEvents(db, tenants.requireTenant(db, tenantId), since, limit));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
    await this.#queue?.drain();
    const db =
      this.#db ?? (this.#opening === undefined ? undefined : await this.#opening.catch(() => undefined));
    this.#db = undefined;
    if (db === undefined) return;
    try {
      // Lets SQLite refresh the statistics its planner uses, cheaply (sqlite.org/lang_analyze.html).
      db.endRead();
      db.driver.exec('PRAGMA optimize');
    } finally {
      db.close();
    }
  }

  // Internals ----------------------------------------------------------------------------

  #clock(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #now(): string {
    return this.#clock().toISOString();
  }

  #limits(): { defaultCount: number; maxResults: number } {
    const maxResults = this.#options.maxResults ?? 1000;
    return { maxResults, defaultCount: Math.min(this.#options.defaultCount ?? 100, maxResults) };
  }

  async #handle(): Promise<Db> {
    if (this.#closed) throw new Error('[scim-store-sqlite] The store is closed.');
    if (this.#db !== undefined) return this.#db;
    this.#opening ??= this.#openDb();
    try {
      this.#db = await this.#opening;
      this.#queue = new WriteQueue(this.#db, this.#options.groupCommit !== false);
    } catch (error) {
      this.#opening = undefined;
      throw error;
    }
    return this.#db;
  }

  async #openDb(): Promise<Db> {
    const source = this.#options.driver;
    const driver = typeof source === 'function' ? await source() : source;
    const db = new Db(driver);
    try {
      const busy = Math.max(0, Math.trunc(this.#options.busyTimeoutMs ?? 5000));
      driver.exec(`PRAGMA busy_timeout = ${busy}`);
      driver.prepare('PRAGMA journal_mode = WAL').get();
      driver.exec(`PRAGMA synchronous = ${this.#options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
      driver.exec('PRAGMA foreign_keys = ON');
      // Checkpoint every ~40 MB of WAL rather than every 4 MB: a page rewritten by many
      // commits is copied back to the database once, and checkpoints (which fsync) are rarer.
      driver.exec('PRAGMA wal_autocheckpoint = 10000');
      // Keeps the WAL file from staying large after a burst of writes.
      driver.exec('PRAGMA journal_size_limit = 67108864');
      migrate(driver);
    } catch (error) {
      driver.close();
      throw db.toStoreError(error);
    }
    return db;
  }

  /** A read, in the turn's shared read transaction (see `Db.read`). */
  #run<T>(fn: (db: Db) => T): Promise<T> {
    const open = this.#closed ? undefined : this.#db;
    if (open !== undefined) {
      // The common case, answered in this tick: no promise chain, nothing left in flight.
      try {
        return Promise.resolve(open.read(() => fn(open)));
      } catch (error) {
        return Promise.reject(open.toStoreError(error));
      }
    }
    return this.#track(async () => {
      const db = await this.#handle();
      try {
        return db.read(() => fn(db));
      } catch (error) {
        throw db.toStoreError(error);
      }
    });
  }

  /** A write: `fn` opens its transaction with `db.write`, which becomes a savepoint in a group commit. */
  #mutate<T>(fn: (db: Db) => T): Promise<T> {
    const open = this.#closed ? undefined : this.#db;
    if (open !== undefined) return this.#track(() => this.#queue!.run(() => fn(open)));
    return this.#track(async () => {
      const db = await this.#handle();
      return this.#queue!.run(() => fn(db));
    });
  }

  #track<T>(call: () => Promise<T>): Promise<T> {
    const promise = call();
    this.#inFlight.add(promise);
    const forget = (): void => {
      this.#inFlight.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** One write: tenant, registry and event log for `fn`, in one `BEGIN IMMEDIATE` transaction. */
  #write<T>(db: Db, ctx: RequestContext, resourceType: string, fn: (write: WriteContext) => T): T {
    const learned: LearnedSchema[] = [];
    let tenant: TenantRow | undefined;
    try {
      return db.write(() => {
        tenant = tenants.requireTenant(db, ctx?.tenantId);
        const registry = this.#registries.get(db, tenant);
        const type = canonicalType(registry, resourceType);
        const now = this.#now();
        const events = new EventWriter(db, tenant.pk, now, ctx?.requestId);
        const result = fn({ tenant, registry, type, events, learned, now });
        for (const { resourceType: boundTo, schema } of learned)
          saveExtension(db, tenant, boundTo, schema, true);
        return result;
      });
    } finally {
      // Registered schemas were committed (schema_version moved) or rolled back: reload either way.
      if (learned.length > 0 && tenant !== undefined) this.#registries.invalidate(tenant.pk);
    }
  }

  /**
   * Validates and inserts new resources, each statement covering many rows (see `insertRows`).
   * With `numbered`, an error names the input it is about (`Item 3: …`), as createMany's must.
   */
  #insert(db: Db, write: WriteContext, inputs: readonly unknown[], numbered: boolean): ScimResource[] {
    const { tenant, registry, type, events, learned, now } = write;
    const fail = (error: unknown, index: number): never => {
      if (!numbered || !isScimError(error)) throw error;
      throw new ScimError(error.status, `Item ${index}: ${error.detail}`, error.scimType, { cause: error });
    };
    const time = Date.parse(now);
    const rows: NewRow[] = inputs.map((input, index) => {
      try {
        learned.push(...this.#registries.learnFromResource(db, tenant, type, input));
        const validated = validateResource(registry, type, input, {
          mode: 'create',
          registerUnknownExtensions: true,
          onRegisteredExtension: (schema) => learned.push({ resourceType: type, schema }),
        });
        return { pk: 0, id: newId(time), prepared: prepareDocument(registry, type, validated) };
      } catch (error) {
        return fail(error, index);
      }
    });
    insertRows(db, tenant, type, now, rows, fail);
    const created: ScimResource[] = [];
    const changes: EventInput[] = [];
    for (const { pk, id, prepared } of rows) {
      writeEmails(db, tenant.pk, pk, [], prepared.emails);
      const changed = createdPaths(prepared.doc);
      let members: MemberValue[] | undefined;
      if (prepared.memberIds !== undefined && prepared.memberIds.length > 0) {
        const resolved = resolveMembers(db, tenant.pk, prepared.memberIds);
        if (addMembers(db, pk, [...resolved.values()]) > 0) {
          changed.push('members');
          members = readMembers(db, pk);
        }
      }
      changes.push({ operation: 'create', resourceType: type, resourceId: id, changed });
      // A new resource is in no group yet, and its members were just read: no query needed.
      const row: ResourceRow = {
        pk,
        id,
        type,
        version: 1,
        created: now,
        modified: now,
        doc: prepared.json,
        parsed: prepared.doc,
      };
      created.push(composeResource(row, members === undefined ? {} : { members }));
    }
    events.appendAll(changes);
    return created;
  }

  /**
   * `totalResults` of a query whose page returned `found` rows. A page that is not full, from
   * the first row on or at least one row found, ends the result: the total is the rows before
   * it plus these (the page and this answer read one snapshot), and no count runs. The one-row
   * `userName eq` lookup Entra sends before every write is such a page. Otherwise count.
   */
  #total(db: Db, statements: QueryStatements, found: number, more: boolean): number {
    if (statements.cursorQuery === undefined) {
      if (found < statements.pageSize && (found > 0 || statements.startIndex === 1)) {
        return statements.startIndex - 1 + found;
      }
    } else if (!more && statements.firstPage && statements.pageSize > 0) {
      // The whole result of a cursor walk on its first page: nothing before it, nothing after.
      return found;
    }
    return this.#counts.count(db, statements.count());
  }

  #compose(db: Db, row: ResourceRow, options: ReadOptions): ScimResource {
    return this.#composeMany(db, row.type, [row], options)[0]!;
  }

  /** Rows to resources, with `groups` of users and (unless excluded) `members` of groups. */
  #composeMany(db: Db, type: string, rows: readonly ResourceRow[], options: ReadOptions): ScimResource[] {
    if (type === 'User') {
      if (rows.every((row) => typeof row.groups_json === 'string')) {
        return rows.map((row) => composeResource(row, withGroups(groupValues(row.groups_json!))));
      }
      const groups = readGroups(
        db,
        rows.map((row) => row.pk),
      );
      return rows.map((row) => composeResource(row, withGroups(groups.get(row.pk))));
    }
    if (type === 'Group' && options.excludeMembers !== true) {
      return rows.map((row) => composeResource(row, withMembers(readMembers(db, row.pk))));
    }
    return rows.map((row) => composeResource(row));
  }
}

/** The groups a page statement read (see `GROUPS_COLUMN`), in the shape `readGroups` gives. */
function groupValues(json: string): GroupValue[] | undefined {
  if (json === '[]') return undefined;
  return (JSON.parse(json) as [string, string | null][]).map(([value, display]) =>
    display === null ? { value, type: 'direct' } : { value, display, type: 'direct' },
  );
}

function withGroups(groups: GroupValue[] | undefined): { groups?: GroupValue[] } {
  return groups === undefined ? {} : { groups };
}

function withMembers(members: MemberValue[]): { members?: MemberValue[] } {
  return { members };
}

/** Creates a store on a driver (see `@scimkit/store-sqlite` entries for `{ filename }`). */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}
