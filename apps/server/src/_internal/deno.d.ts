// The few Deno APIs main.deno.ts uses; the full `deno.ns` types are not a dependency.
declare namespace Deno {
  interface ServeOptions {
    port?: number;
    hostname?: string;
    onListen?: (local: { hostname: string; port: number }) => void;
  }
  interface HttpServer {
    shutdown(): Promise<void>;
    readonly finished: Promise<void>;
  }
  function serve(
    options: ServeOptions,
    handler: (request: Request) => Response | Promise<Response>,
  ): HttpServer;
  function addSignalListener(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
  function exit(code?: number): never;
  const env: { toObject(): Record<string, string> };
}
