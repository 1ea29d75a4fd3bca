import { randomUUID } from 'node:crypto';
import type { Fetch } from '../_internal/http.ts';
import { RequestBudgetExceeded, SimClient } from './client.ts';
import { type Dialect, simGroups, simUsers } from './fixtures.ts';
import { Recorder, type ShapeReport } from './recorder.ts';
import { Scenario } from './scenario.ts';
import { SHAPE_ORDER } from './shapes.ts';

/** How `simulate` runs. */
export interface SimulationOptions {
  /** The Tenant URL, exactly as an admin would paste it into Entra. */
  tenantUrl: string;
  /** The Secret Token. */
  token: string;
  users: number;
  groups: number;
  dialect: Dialect | 'both';
  /** Requests in flight at once. */
  concurrency: number;
  /** The run stops (and fails) after this many requests. */
  maxRequests: number;
  timeoutMs: number;
  /** Leave the created users and groups when the run stops early (for inspection). */
  keep?: boolean;
  fetch?: Fetch;
  signal?: AbortSignal;
  onPhase?: (name: string, items: number) => void;
  onItem?: () => void;
}

/** The machine-readable result of a simulation (`simulate --json`). */
export interface SimulationReport {
  tenantUrl: string;
  dialect: Dialect | 'both';
  users: number;
  groups: number;
  runId: string;
  startedAt: string;
  durationMs: number;
  requests: number;
  /** 429 answers waited out and retried. */
  throttled: number;
  failures: number;
  /** Why the run stopped before the end, if it did. */
  aborted?: string;
  ok: boolean;
  shapes: ShapeReport[];
}

/** Requests one simulated user and group cost at most, for the up-front budget check. */
export function estimateRequests(users: number, groups: number): number {
  return 12 + users * 22 + groups * 22 + 12;
}

/**
 * Runs one Entra-like provisioning cycle against `tenantUrl` and reports every request shape:
 * how often it was sent, how often its answer failed Entra's expectations, and its latency.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const runId = randomUUID().slice(0, 8);
  const dialects: Dialect[] = options.dialect === 'both' ? ['default', 'compliant'] : [options.dialect];
  const recorder = new Recorder();
  const clientOptions: ConstructorParameters<typeof SimClient>[0] = {
    tenantUrl: options.tenantUrl,
    token: options.token,
    recorder,
    timeoutMs: options.timeoutMs,
    maxRequests: options.maxRequests,
  };
  if (options.fetch !== undefined) clientOptions.fetch = options.fetch;
  if (options.signal !== undefined) clientOptions.signal = options.signal;
  const client = new SimClient(clientOptions);
  const scenarioOptions: ConstructorParameters<typeof Scenario>[0] = {
    client,
    recorder,
    users: simUsers(options.users, runId, dialects),
    groups: simGroups(options.groups, runId, dialects),
    dialects,
    concurrency: options.concurrency,
    probeId: randomUUID(),
  };
  if (options.onPhase !== undefined) scenarioOptions.onPhase = options.onPhase;
  if (options.onItem !== undefined) scenarioOptions.onItem = options.onItem;
  const scenario = new Scenario(scenarioOptions);

  const startedAt = new Date();
  const started = performance.now();
  let aborted: string | undefined;
  try {
    await scenario.run();
  } catch (error) {
    if (error instanceof RequestBudgetExceeded) aborted = error.message;
    else if (options.signal?.aborted === true) aborted = 'interrupted';
    else throw error;
  } finally {
    if (options.keep !== true) await scenario.cleanup();
  }
  const failures = recorder.failures;
  const report: SimulationReport = {
    tenantUrl: redactUrl(options.tenantUrl),
    dialect: options.dialect,
    users: options.users,
    groups: options.groups,
    runId,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    requests: client.sent,
    throttled: client.throttled,
    failures,
    ok: failures === 0 && aborted === undefined,
    shapes: inScenarioOrder(recorder.shapes()),
  };
  if (aborted !== undefined) report.aborted = aborted;
  return report;
}

/** A Tenant URL without credentials someone may have put in it. */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

function inScenarioOrder(shapes: ShapeReport[]): ShapeReport[] {
  const rank = (shape: ShapeReport): number => {
    const index = SHAPE_ORDER.indexOf(shape.shape);
    return index === -1 ? SHAPE_ORDER.length : index;
  };
  return shapes
    .map((shape, seen) => ({ shape, seen }))
    .sort((a, b) => rank(a.shape) - rank(b.shape) || a.seen - b.seen)
    .map(({ shape }) => shape);
}
