// The HTTP ceiling of the benchmark: a bare Elysia server on the same runtime that answers every
// request with a fixed SCIM ListResponse, with no auth, no parsing and no database.
import { Elysia } from 'elysia';

const body = JSON.stringify({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 0,
  startIndex: 1,
  itemsPerPage: 0,
  Resources: [],
});
const headers = { 'content-type': 'application/scim+json; charset=utf-8' };
const isNode = typeof globalThis.Bun === 'undefined' && typeof globalThis.Deno === 'undefined';
const adapter = isNode ? (await import('@elysiajs/node')).node() : undefined;
const app = new Elysia(adapter === undefined ? {} : { adapter }).get(
  '/scim/:tenant/v2/Users',
  () => new Response(body, { headers }),
);

if (typeof globalThis.Deno !== 'undefined') {
  globalThis.Deno.serve(
    {
      port: 0,
      hostname: '127.0.0.1',
      onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}`),
    },
    app.fetch,
  );
} else {
  // The Node adapter hands its server only to the listen callback.
  let server;
  app.listen({ port: 0, hostname: '127.0.0.1', gracefulShutdown: false }, (started) => {
    server = started;
  });
  if (isNode) {
    await server.raw.ready();
    console.log(`listening on ${server.raw.url.replace(/\/$/, '')}`);
  } else {
    console.log(`listening on http://127.0.0.1:${server.port}`);
  }
}
