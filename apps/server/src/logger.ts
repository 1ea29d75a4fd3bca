/** Log levels, most verbose first; `silent` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Fields of one log line. Never put tokens or request bodies here. */
export type LogFields = Record<string, unknown>;

/** A structured logger writing one JSON object per line. */
export interface Logger {
  readonly level: LogLevel;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** The rank of each level: a logger writes the lines whose rank is at least its own. */
export const LOG_RANK: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

/** Options of `createLogger`. */
export interface LoggerOptions {
  level?: LogLevel;
  /** Receives each line without its newline; defaults to `console.log`. */
  write?: (line: string) => void;
  /** Clock for the `time` field. */
  now?: () => Date;
}

/** A JSON-lines logger: `{"time","level","msg",...fields}`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  const threshold = LOG_RANK[level];
  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields): void => {
    if (LOG_RANK[at] < threshold) return;
    write(JSON.stringify({ time: now().toISOString(), level: at, msg: message, ...fields }));
  };
  return {
    level,
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

/** A logger that drops everything (the default of `createApp`, so tests stay quiet). */
export const silentLogger: Logger = createLogger({ level: 'silent' });

/** Error details safe for the server's own log: name, message and stack, never a body. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) {
    return { error: { name: error.name, message: error.message, stack: error.stack } };
  }
  return { error: { message: String(error) } };
}
