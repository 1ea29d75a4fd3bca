export { type AppOptions, createApp } from './app.ts';
export {
  ConfigError,
  DEFAULT_LIMITS,
  type Limits,
  loadConfig,
  type RateLimitConfig,
  type ServerConfig,
} from './config.ts';
export { openApiDocument } from './docs/openapi.ts';
export { type ResponseClass, SCIM_CONTENT_TYPE } from './http/respond.ts';
export { createLogger, type LogFields, type Logger, type LoggerOptions, type LogLevel } from './logger.ts';
export { createHealthState, type HealthState } from './ops-routes.ts';
export {
  createOverloadMonitor,
  type OverloadGuard,
  type OverloadMonitor,
  type OverloadMonitorOptions,
} from './overload.ts';
export {
  createRateLimiter,
  type RateLimiter,
  type TakeResult,
  type TokenBucketOptions,
} from './rate-limit.ts';
export { runBulk } from './scim/bulk.ts';
