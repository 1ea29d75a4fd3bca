import { describeCommands } from './commands-suite.ts';
import { run } from './helpers.ts';
import { startTestServer } from './server.ts';

// Through the admin API, configured from the environment as an operator would.
describeCommands('a running server (SCIMKIT_SERVER, SCIMKIT_ADMIN_TOKEN)', async (directory) => {
  const server = await startTestServer(directory);
  const env = { SCIMKIT_SERVER: server.url, SCIMKIT_ADMIN_TOKEN: server.adminToken };
  return {
    cli: (args, options = {}) => run(args, { ...options, env: { ...env, ...options.env } }),
    tokenWorks: async (tenantId, secret) => {
      const response = await fetch(`${server.url}/scim/${tenantId}/v2/Users?count=1`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      return response.status === 200;
    },
    close: () => server.close(),
  };
});
