import { join } from 'node:path';
import { createSqliteStore } from '@scimkit/store-sqlite';
import { describeCommands } from './commands-suite.ts';
import { run } from './helpers.ts';

describeCommands('a database file (--db)', async (directory) => {
  const db = join(directory, 'data', 'scim.db');
  return {
    cli: (args, options = {}) =>
      run(['--db', db, '--public-url', 'https://scim.example.com', ...args], options),
    tokenWorks: async (tenantId, secret) => {
      const store = createSqliteStore({ filename: db });
      try {
        return (await store.verifyToken(tenantId, secret)) !== undefined;
      } finally {
        await store.close();
      }
    },
    close: async () => {},
  };
});
