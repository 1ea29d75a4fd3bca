// The HTTP ceiling of the benchmark: a bare Elysia server on the same runtime, started the way
// the real server starts (the same adapter and the same Response class: srvx's FastResponse on
// Node, the global Response on Bun and Deno), that answers every SCIM request, whatever its
// method and path, with a fixed ListResponse. It reads the request body (HTTP work) but does
// no auth, no parsing and no database: it receives the very requests of each benchmark phase.
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
// As src/main.node.ts: on Node every answer is a FastResponse.
const ResponseClass = isNode ? (await import('srvx')).FastResponse : Response;
const answer = async ({ request }) => {
  if (request.body !== null) await request.text();
  return new ResponseClass(body, { headers });
};
const app = new Elysia(adapter === undefined ? {} : { adapter })
  .get('/scim/:tenant/v2/*', answer)
  .post('/scim/:tenant/v2/*', answer)
  .patch('/scim/:tenant/v2/*', answer)
  .delete('/scim/:tenant/v2/*', answer);

if (typeof globalThis.Deno !== 'undefined') {
  // As src/main.deno.ts.
  globalThis.Deno.serve(
    {
      port: 0,
      hostname: '127.0.0.1',
      onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}`),
    },
    (request) => app.fetch(request),
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
