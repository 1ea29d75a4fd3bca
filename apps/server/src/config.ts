import type { LogLevel } from './logger.ts';

/** Request and payload limits (RFC 7644 §3.4.2.4 paging, §3.7.4 bulk). */
export interface Limits {
  /** Largest request body accepted, in bytes; larger bodies get a 413 before they are parsed. */
  maxBodyBytes: number;
  /** Deepest JSON nesting accepted in a body. */
  maxJsonDepth: number;
  /** Most operations in one `/Bulk` request (`bulk.maxOperations`). */
  bulkMaxOperations: number;
  /** Largest `/Bulk` body, in bytes (`bulk.maxPayloadSize`). */
  bulkMaxPayloadBytes: number;
  /** Page size when a query sends no `count`. */
  defaultPageSize: number;
  /** Largest page a query returns (`filter.maxResults`). */
  maxPageSize: number;
}

/** Per-tenant token bucket: `requestsPerSecond` refill, `burst` capacity. */
export interface RateLimitConfig {
  requestsPerSecond: number;
  burst: number;
}

/** Everything the server reads from its environment, validated. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Base URL clients reach the server at, without a trailing slash. */
  publicUrl: string;
  databasePath: string;
  /**
   * `full` (default): a write is on disk when acknowledged. `normal`: it survives the process
   * being killed but a power cut may lose the last ones; writes are much cheaper.
   */
  databaseDurability: 'full' | 'normal';
  logLevel: LogLevel;
  /** Guards `/admin`; the admin API is disabled without it. */
  adminToken: string | undefined;
  limits: Limits;
  /** `undefined` when rate limiting is off. */
  rateLimit: RateLimitConfig | undefined;
  /** How long shutdown waits for in-flight requests. */
  shutdownTimeoutMs: number;
  /** SCIM requests get a 429 while the event loop runs this much late; 0 turns shedding off. */
  maxEventLoopDelayMs: number;
  production: boolean;
}

/** Defaults of every limit. */
export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 1_048_576,
  maxJsonDepth: 32,
  bulkMaxOperations: 1000,
  bulkMaxPayloadBytes: 1_048_576,
  defaultPageSize: 100,
  maxPageSize: 1000,
};

/** A configuration problem, with one line per bad variable. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/**
 * Reads and validates the server's environment variables. Every problem is reported at
 * once, each naming the variable, what was expected, what was found and an example.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number, example: number): number => {
    const text = read(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(
        `${name}: expected an integer from ${min} to ${max}, found ${JSON.stringify(text)}. Example: ${name}=${example}`,
      );
      return fallback;
    }
    return value;
  };
  const number = (name: string, fallback: number, example: string): number => {
    const text = read(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) {
      problems.push(
        `${name}: expected a number of 0 or more, found ${JSON.stringify(text)}. Example: ${name}=${example}`,
      );
      return fallback;
    }
    return value;
  };

  const production = read('NODE_ENV') === 'production';
  const port = integer('PORT', 8080, 0, 65_535, 8080);
  const host = read('HOST') ?? '127.0.0.1';

  let publicUrl = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  const publicText = read('PUBLIC_URL');
  if (publicText !== undefined) {
    const parsed = URL.canParse(publicText) ? new URL(publicText) : undefined;
    if (
      parsed === undefined ||
      (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
      parsed.search !== '' ||
      parsed.hash !== ''
    ) {
      problems.push(
        `PUBLIC_URL: expected an absolute http(s) URL without query or fragment, found ${JSON.stringify(publicText)}. Example: PUBLIC_URL=https://scim.example.com`,
      );
    } else {
      publicUrl = `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
    }
  }

  const logText = read('LOG_LEVEL')?.toLowerCase();
  let logLevel: LogLevel = 'info';
  if (logText !== undefined) {
    if ((LOG_LEVELS as readonly string[]).includes(logText)) logLevel = logText as LogLevel;
    else
      problems.push(
        `LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, found ${JSON.stringify(logText)}. Example: LOG_LEVEL=info`,
      );
  }

  const durabilityText = read('DATABASE_DURABILITY')?.toLowerCase();
  let databaseDurability: 'full' | 'normal' = 'full';
  if (durabilityText === 'full' || durabilityText === 'normal') databaseDurability = durabilityText;
  else if (durabilityText !== undefined)
    problems.push(
      `DATABASE_DURABILITY: expected full or normal, found ${JSON.stringify(durabilityText)}. Example: DATABASE_DURABILITY=full`,
    );

  const adminToken = read('ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 16) {
    problems.push(
      `ADMIN_TOKEN: expected at least 16 characters, found ${adminToken.length}. Example: ADMIN_TOKEN=$(openssl rand -hex 32)`,
    );
  }

  const limits: Limits = {
    maxBodyBytes: integer('MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes, 1024, 1 << 30, 1_048_576),
    maxJsonDepth: integer('MAX_JSON_DEPTH', DEFAULT_LIMITS.maxJsonDepth, 4, 1000, 32),
    bulkMaxOperations: integer('BULK_MAX_OPERATIONS', DEFAULT_LIMITS.bulkMaxOperations, 1, 100_000, 1000),
    bulkMaxPayloadBytes: integer(
      'BULK_MAX_PAYLOAD_BYTES',
      DEFAULT_LIMITS.bulkMaxPayloadBytes,
      1024,
      1 << 30,
      1_048_576,
    ),
    defaultPageSize: integer('DEFAULT_PAGE_SIZE', DEFAULT_LIMITS.defaultPageSize, 1, 100_000, 100),
    maxPageSize: integer('MAX_PAGE_SIZE', DEFAULT_LIMITS.maxPageSize, 1, 100_000, 1000),
  };
  if (limits.defaultPageSize > limits.maxPageSize) {
    problems.push(
      `DEFAULT_PAGE_SIZE: expected at most MAX_PAGE_SIZE (${limits.maxPageSize}), found ${limits.defaultPageSize}. Example: DEFAULT_PAGE_SIZE=100`,
    );
  }

  // Off in development so that a local test run never meets a 429; on in production.
  const rps = number('RATE_LIMIT_RPS', production ? 50 : 0, '50');
  const burst = number('RATE_LIMIT_BURST', Math.max(1, rps * 2), '100');
  const rateLimit = rps > 0 ? { requestsPerSecond: rps, burst: Math.max(1, burst) } : undefined;

  const config: ServerConfig = {
    port,
    host,
    publicUrl,
    databasePath: read('DATABASE_PATH') ?? './data/scim.db',
    databaseDurability,
    logLevel,
    adminToken,
    limits,
    rateLimit,
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000, 10_000),
    // Like the rate limit: off in development, where a loaded test machine could stall a
    // server long enough to shed a test's requests; on in production.
    maxEventLoopDelayMs: integer('MAX_EVENT_LOOP_DELAY_MS', production ? 1000 : 0, 0, 60_000, 1000),
    production,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
