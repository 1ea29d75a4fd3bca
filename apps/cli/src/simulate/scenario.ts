import { mapPool } from '../_internal/pool.ts';
import { testConnection } from './phases/connection.ts';
import { createConflicts, createUser } from './phases/create-users.ts';
import { deletes } from './phases/deletes.ts';
import { disableAndEnable } from './phases/disable.ts';
import { provisionGroup } from './phases/groups.ts';
import { linkManager } from './phases/managers.ts';
import { renamesAndQueries, updateUser } from './phases/update-users.ts';
import { Session, type SessionOptions } from './session.ts';
import { SHAPES } from './shapes.ts';

/** What a scenario needs. */
export interface ScenarioOptions extends SessionOptions {
  /** Called when a phase starts, with the number of items it walks through. */
  onPhase?: (name: string, items: number) => void;
  onItem?: () => void;
}

/**
 * Entra's provisioning cycle, replayed against a Tenant URL: every request shape of ENTRA.md,
 * each answer checked as Entra would read it. A failed check is recorded and the run goes on
 * (as Entra does, retrying later), so one broken shape shows up alone in the report rather
 * than hiding everything after it.
 */
export class Scenario {
  readonly #session: Session;
  readonly #options: ScenarioOptions;

  constructor(options: ScenarioOptions) {
    this.#session = new Session(options);
    this.#options = options;
  }

  async run(): Promise<void> {
    const session = this.#session;
    await this.#phase('test connection', () => testConnection(session));
    await this.#each('create users', session.options.users, (user) => createUser(session, user));
    await this.#phase('create conflicts', () => createConflicts(session));
    await this.#each('update users', session.live(), (user) => updateUser(session, user));
    await this.#phase('renames and queries', () => renamesAndQueries(session));
    await this.#each('manager links', session.live(), (user) => linkManager(session, user));
    await this.#each('read users', session.live(), async (user) => {
      await session.readUser(user, SHAPES.readUser);
    });
    await this.#each('disable and re-enable', session.live(), (user) => disableAndEnable(session, user));
    await this.#each('groups', session.options.groups, (group) => provisionGroup(session, group));
    await this.#phase('deletes', () => deletes(session));
  }

  /**
   * Deletes whatever the run created and has not deleted yet, without recording it. A create
   * whose answer never came (Ctrl-C, a timeout) may still have happened: those are looked up.
   */
  async cleanup(): Promise<void> {
    const session = this.#session;
    const { users, groups, concurrency } = session.options;
    const remove = async (endpoint: 'Users' | 'Groups', id: string | undefined): Promise<void> => {
      if (id === undefined) return;
      await session.client
        .sendUntracked({ method: 'DELETE', path: `/${endpoint}/${encodeURIComponent(id)}` })
        .catch(() => undefined);
    };
    await mapPool(
      groups.filter((group) => group.sent === true && !group.deleted),
      concurrency,
      async (group) =>
        remove(
          'Groups',
          group.id ?? (await session.findId('Groups', `displayName eq "${group.displayName}"`)),
        ),
    );
    await mapPool(
      users.filter((user) => user.sent === true && !user.deleted),
      concurrency,
      async (user) =>
        remove('Users', user.id ?? (await session.findId('Users', `userName eq "${user.userName}"`))),
    );
  }

  async #phase(name: string, body: () => Promise<void>): Promise<void> {
    this.#options.onPhase?.(name, 1);
    await body();
    this.#options.onItem?.();
  }

  async #each<T>(name: string, items: readonly T[], body: (item: T) => Promise<void>): Promise<void> {
    this.#options.onPhase?.(name, items.length);
    await mapPool(items, this.#options.concurrency, async (item) => {
      await body(item);
      this.#options.onItem?.();
    });
  }
}
