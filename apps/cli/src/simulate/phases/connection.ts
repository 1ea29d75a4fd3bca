import { URN } from '@scimkit/schema';
import { expectError, expectList, expectStatus, field, listResources } from '../checks.ts';
import { query, type Session } from '../session.ts';
import { SHAPES } from '../shapes.ts';

/** Test Connection as Entra runs it: empty probes, a bad token, discovery. */
export async function testConnection(session: Session): Promise<void> {
  const probe = session.options.probeId;
  const userProbe = query({ filter: `userName eq "${probe}"` });
  await session.step(SHAPES.probeUsers, { method: 'GET', path: `/Users?${userProbe}` }, (reply) =>
    expectList(reply, 0),
  );
  await session.step(
    SHAPES.probeGroups,
    {
      method: 'GET',
      path: `/Groups?${query({ excludedAttributes: 'members', filter: `displayName eq "${probe}"` })}`,
    },
    (reply) => expectList(reply, 0),
  );
  await session.step(SHAPES.probeTrailingSlash, { method: 'GET', path: `/Users/?${userProbe}` }, (reply) =>
    expectList(reply, 0),
  );
  await session.step(
    SHAPES.probeUnknownParameter,
    { method: 'GET', path: `/Users?aadOptscim062020&${userProbe}` },
    (reply) => expectList(reply, 0),
  );
  await session.step(SHAPES.badToken, { method: 'GET', path: `/Users?${userProbe}`, token: null }, (reply) =>
    expectError(reply, 401)
      .slice(0, 1)
      .map((problem) => `without a token: ${problem}`),
  );
  await session.step(
    SHAPES.badToken,
    { method: 'GET', path: `/Users?${userProbe}`, token: `not-a-valid-token-${probe}` },
    (reply) =>
      expectError(reply, 401)
        .slice(0, 1)
        .map((problem) => `with a wrong token: ${problem}`),
  );
  await session.step(
    SHAPES.serviceProviderConfig,
    { method: 'GET', path: '/ServiceProviderConfig' },
    (reply) => {
      const problems = expectStatus(reply, 200);
      if (problems.length === 0 && field(field(reply.body, 'patch'), 'supported') !== true) {
        problems.push('expected patch.supported: true (Entra updates only by PATCH)');
      }
      return problems;
    },
  );
  await session.step(SHAPES.schemas, { method: 'GET', path: '/Schemas' }, (reply) => {
    const problems = expectStatus(reply, 200);
    if (problems.length > 0) return problems;
    const ids = listResources(reply).map((schema) => field(schema, 'id'));
    for (const urn of [URN.User, URN.Group, URN.EnterpriseUser]) {
      if (!ids.includes(urn)) problems.push(`expected /Schemas to publish ${urn}`);
    }
    return problems;
  });
  await session.step(SHAPES.resourceTypes, { method: 'GET', path: '/ResourceTypes' }, (reply) => {
    const problems = expectStatus(reply, 200);
    if (problems.length > 0) return problems;
    const names = listResources(reply).map((type) => field(type, 'name'));
    for (const name of ['User', 'Group'])
      if (!names.includes(name)) problems.push(`expected a ${name} resource type`);
    return problems;
  });
}
