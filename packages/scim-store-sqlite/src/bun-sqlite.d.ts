// Minimal ambient types for Bun's built-in SQLite: only what drivers/bun-sqlite.ts uses.
declare module 'bun:sqlite' {
  export class Statement {
    run(...params: never[]): { changes: number | bigint; lastInsertRowid: number | bigint };
    get(...params: never[]): unknown;
    all(...params: never[]): unknown[];
    iterate(...params: never[]): IterableIterator<unknown>;
  }
  export class Database {
    constructor(filename?: string, options?: { create?: boolean; readwrite?: boolean; readonly?: boolean });
    prepare(sql: string): Statement;
    exec(sql: string): unknown;
    close(): unknown;
  }
}
