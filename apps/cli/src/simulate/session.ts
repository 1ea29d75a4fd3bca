import { URN } from '@scimkit/schema';
import { expectList, expectResource, expectStatus, field, listCount, listResources } from './checks.ts';
import type { Reply, SimClient, SimRequest } from './client.ts';
import { compareUser } from './compare.ts';
import { contentTypeFor, type Dialect, patchBody, type SimGroup, type SimUser } from './fixtures.ts';
import type { Recorder } from './recorder.ts';
import { SHAPES } from './shapes.ts';

/** The enterprise manager attribute's full path. */
export const MANAGER_PATH: string = `${URN.EnterpriseUser}:manager`;

/** What a simulation run works with. */
export interface SessionOptions {
  client: SimClient;
  recorder: Recorder;
  users: SimUser[];
  groups: SimGroup[];
  dialects: readonly Dialect[];
  concurrency: number;
  /** A fresh GUID for the Test Connection probes. */
  probeId: string;
}

/**
 * One run's state and the request helpers every phase shares: send a shape, check the answer,
 * record what failed and for which user or group.
 */
export class Session {
  readonly options: SessionOptions;
  readonly client: SimClient;
  readonly recorder: Recorder;

  constructor(options: SessionOptions) {
    this.options = options;
    this.client = options.client;
    this.recorder = options.recorder;
  }

  /** Users created and not deleted. */
  live(): SimUser[] {
    return this.options.users.filter((user) => user.id !== undefined && !user.deleted);
  }

  /** Sends one request of `shape` and records every problem `check` finds in the answer. */
  async step(
    shape: string,
    request: SimRequest,
    check: (reply: Reply) => string[],
    subject?: string,
  ): Promise<Reply> {
    const reply = await this.client.send(shape, request);
    for (const problem of check(reply))
      this.recorder.fail(shape, subject === undefined ? problem : `${subject}: ${problem}`);
    return reply;
  }

  /** A user PATCH: Entra needs 200 with the full resource, which must show the change. */
  async patchUser(
    shape: string,
    user: SimUser,
    operations: readonly Record<string, unknown>[],
    subject: string,
    extra: (resource: unknown) => string[] = () => [],
  ): Promise<Reply> {
    return this.step(
      shape,
      {
        method: 'PATCH',
        path: userPath(user),
        body: patchBody(operations),
        contentType: contentTypeFor(user.index + 2),
      },
      (reply) => {
        const problems = expectResource(reply, 200);
        if (problems.length > 0)
          return reply.status === 204 ? ['expected 200 with the full resource, got 204'] : problems;
        return [...compareUser(reply.body, user), ...extra(reply.body)];
      },
      subject,
    );
  }

  /** A group PATCH: Entra expects 204 (a 200 is accepted as well). */
  async patchGroup(
    shape: string,
    group: SimGroup,
    operations: readonly Record<string, unknown>[],
    subject: string,
  ): Promise<Reply> {
    return this.step(
      shape,
      {
        method: 'PATCH',
        path: groupPath(group),
        body: patchBody(operations),
        contentType: contentTypeFor(group.index),
      },
      (reply) => expectStatus(reply, 204, 200),
      subject,
    );
  }

  async lookupGroup(group: SimGroup, shape: string): Promise<void> {
    await this.step(
      shape,
      {
        method: 'GET',
        path: `/Groups?${query({ excludedAttributes: 'members', filter: `DisplayName eq "${group.displayName}"` })}`,
      },
      (reply) => {
        const problems = expectList(reply, 1);
        const found = listResources(reply)[0];
        if (problems.length === 0 && field(found, 'id') !== group.id)
          problems.push(`expected the group with id ${group.id}`);
        if (problems.length === 0 && field(found, 'members') !== undefined)
          problems.push('expected no members with excludedAttributes=members');
        return problems;
      },
      `group ${group.index}`,
    );
  }

  /**
   * Membership probes as Entra sends them. A probe's own answer is checked under its shape; a
   * wrong count is blamed on `shape`, the change that should have produced it.
   */
  async verifyMembers(shape: string, group: SimGroup, users: readonly SimUser[]): Promise<void> {
    for (const user of users) {
      const expected = group.members.has(user.id!) ? 1 : 0;
      const reply = await this.step(
        SHAPES.membershipProbe,
        {
          method: 'GET',
          path: `/Groups?${query({ filter: `id eq "${group.id}" and members eq "${user.id}"`, attributes: 'id' })}`,
        },
        (answer) => expectList(answer),
        `group ${group.index}`,
      );
      const count = listCount(reply);
      if (count !== undefined && count !== expected) {
        this.recorder.fail(
          shape,
          `group ${group.index}: user ${user.index} should ${expected === 1 ? 'be' : 'no longer be'} a member, the membership probe found ${count}`,
        );
      }
    }
  }

  /** GET /Users/{id}, compared with everything the simulator has set. */
  async readUser(user: SimUser, shape: string): Promise<Reply> {
    return this.step(
      shape,
      { method: 'GET', path: userPath(user) },
      (reply) => {
        const problems = expectResource(reply, 200);
        return problems.length > 0 ? problems : compareUser(reply.body, user);
      },
      `user ${user.index}`,
    );
  }

  /** Deletes what a server created when it should have refused, so no litter stays behind. */
  async discard(reply: Reply, endpoint: 'Users' | 'Groups'): Promise<void> {
    const id = field(reply.body, 'id');
    if (reply.status !== 201 || typeof id !== 'string') return;
    await this.client
      .sendUntracked({ method: 'DELETE', path: `/${endpoint}/${encodeURIComponent(id)}` })
      .catch(() => undefined);
  }

  /** The id of the one resource matching `filter`, asked without recording (cleanup). */
  async findId(endpoint: 'Users' | 'Groups', filter: string): Promise<string | undefined> {
    const reply = await this.client
      .sendUntracked({ method: 'GET', path: `/${endpoint}?${query({ filter, attributes: 'id' })}` })
      .catch(() => undefined);
    const id = reply === undefined ? undefined : field(listResources(reply)[0], 'id');
    return typeof id === 'string' ? id : undefined;
  }
}

/** A query string; URLSearchParams encodes spaces as "+", as Entra does. */
export function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export function userPath(user: SimUser): string {
  return `/Users/${encodeURIComponent(user.id ?? '')}`;
}

export function groupPath(group: SimGroup): string {
  return `/Groups/${encodeURIComponent(group.id ?? '')}`;
}
