/**
 * @scimkit/cli as a library: run the CLI in-process, simulate Entra against an endpoint, or
 * generate a demo organisation. The `scimkit` binary is a thin wrapper around `runCli`.
 */
export type { Backend, Directory, ResourceKind, TenantRecord } from './backends/backend.ts';
export { runCli } from './cli.ts';
export { CliError, EXIT } from './errors.ts';
export type { CliIo, OutputStream } from './io.ts';
export { processIo } from './io.ts';
export {
  generateOrganization,
  type Organization,
  type OrganizationOptions,
  type PlannedGroup,
  type PlannedUser,
} from './seed/organization.ts';
export type { Dialect } from './simulate/fixtures.ts';
export type { ShapeReport } from './simulate/recorder.ts';
export {
  estimateRequests,
  runSimulation,
  type SimulationOptions,
  type SimulationReport,
} from './simulate/run.ts';
export { SHAPES } from './simulate/shapes.ts';
