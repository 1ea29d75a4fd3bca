/**
 * Transactions written once for every driver on plain `exec`: `BEGIN IMMEDIATE` for writes
 * (the write lock is taken before anything is read, so `busy_timeout` applies and two
 * connections never deadlock upgrading a read lock), savepoints when nested.
 */
export function createTransactor(
  exec: (sql: string) => void,
): <T>(fn: () => T, mode?: 'immediate' | 'deferred') => T {
  let depth = 0;
  return <T>(fn: () => T, mode: 'immediate' | 'deferred' = 'immediate'): T => {
    const savepoint = depth > 0 ? `sp${depth}` : undefined;
    exec(
      savepoint === undefined
        ? `BEGIN ${mode === 'immediate' ? 'IMMEDIATE' : 'DEFERRED'}`
        : `SAVEPOINT ${savepoint}`,
    );
    depth++;
    let result: T;
    try {
      result = fn();
    } catch (error) {
      depth--;
      try {
        exec(savepoint === undefined ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      } catch {
        // SQLite may already have rolled back (e.g. after SQLITE_FULL); the original error matters.
      }
      throw error;
    }
    depth--;
    exec(savepoint === undefined ? 'COMMIT' : `RELEASE ${savepoint}`);
    return result;
  };
}
