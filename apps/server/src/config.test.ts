import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_LIMITS, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses safe defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:8080',
      databasePath: './data/scim.db',
      logLevel: 'info',
      adminToken: undefined,
      rateLimit: undefined,
      limits: DEFAULT_LIMITS,
      maxEventLoopDelayMs: 0,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8443',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://scim.example.com/',
      DATABASE_PATH: '/var/lib/scim.db',
      LOG_LEVEL: 'WARN',
      ADMIN_TOKEN: 'a-long-enough-admin-token',
      MAX_BODY_BYTES: '2048',
      BULK_MAX_OPERATIONS: '10',
      RATE_LIMIT_RPS: '25',
      MAX_EVENT_LOOP_DELAY_MS: '250',
    });
    expect(config).toMatchObject({
      port: 8443,
      host: '0.0.0.0',
      publicUrl: 'https://scim.example.com',
      databasePath: '/var/lib/scim.db',
      logLevel: 'warn',
      adminToken: 'a-long-enough-admin-token',
      rateLimit: { requestsPerSecond: 25, burst: 50 },
      maxEventLoopDelayMs: 250,
    });
    expect(config.limits.maxBodyBytes).toBe(2048);
    expect(config.limits.bulkMaxOperations).toBe(10);
  });

  it('derives the public URL of a wildcard host from localhost', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('turns rate limiting on by default in production only', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).rateLimit).toEqual({ requestsPerSecond: 50, burst: 100 });
    expect(loadConfig({ NODE_ENV: 'production', RATE_LIMIT_RPS: '0' }).rateLimit).toBeUndefined();
  });

  it('turns overload shedding on by default in production only', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).maxEventLoopDelayMs).toBe(1000);
    expect(loadConfig({ NODE_ENV: 'production', MAX_EVENT_LOOP_DELAY_MS: '0' }).maxEventLoopDelayMs).toBe(0);
  });

  it('reports every bad variable at once with what was expected and an example', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        PUBLIC_URL: 'ftp://x',
        LOG_LEVEL: 'loud',
        ADMIN_TOKEN: 'short',
        MAX_PAGE_SIZE: '-1',
        MAX_EVENT_LOOP_DELAY_MS: 'soon',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toEqual([
      'PORT: expected an integer from 0 to 65535, found "eighty". Example: PORT=8080',
      'PUBLIC_URL: expected an absolute http(s) URL without query or fragment, found "ftp://x". Example: PUBLIC_URL=https://scim.example.com',
      'LOG_LEVEL: expected one of debug, info, warn, error, silent, found "loud". Example: LOG_LEVEL=info',
      'ADMIN_TOKEN: expected at least 16 characters, found 5. Example: ADMIN_TOKEN=$(openssl rand -hex 32)',
      'MAX_PAGE_SIZE: expected an integer from 1 to 100000, found "-1". Example: MAX_PAGE_SIZE=1000',
      'MAX_EVENT_LOOP_DELAY_MS: expected an integer from 0 to 60000, found "soon". Example: MAX_EVENT_LOOP_DELAY_MS=1000',
    ]);
    expect((caught as Error).message).toMatch(/^Invalid configuration:\n {2}- PORT/);
  });

  it('rejects a default page size above the maximum', () => {
    expect(() => loadConfig({ DEFAULT_PAGE_SIZE: '500', MAX_PAGE_SIZE: '100' })).toThrow(/DEFAULT_PAGE_SIZE/);
  });
});
