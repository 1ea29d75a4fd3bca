import type { ScimStore } from '@scimkit/schema';
import { type AnyElysia, Elysia } from 'elysia';
import { docsPage } from './docs/page.ts';
import type { Guard } from './http/guard.ts';
import { JSON_CONTENT_TYPE } from './http/respond.ts';

/** Shared with the runtime entry points: flips to shutting down on SIGTERM/SIGINT. */
export interface HealthState {
  shuttingDown: boolean;
}

/** Creates the health state a runtime entry point flips during shutdown. */
export function createHealthState(): HealthState {
  return { shuttingDown: false };
}

/** `/healthz`, `/readyz`, `/openapi.json` and `/docs`. */
export function opsRoutes(deps: {
  store: ScimStore;
  health: HealthState;
  openApi: Record<string, unknown>;
  /** Hands each route its request's responder and answers whatever a route throws. */
  guard: Guard;
}): AnyElysia {
  const { guard } = deps;
  const openApiText = JSON.stringify(deps.openApi);
  const page = docsPage(deps.openApi);
  return new Elysia({ name: 'scimkit/ops' })
    .get('/healthz', ({ request }) => guard(request, async (respond) => respond.plainJson({ status: 'ok' })))
    .get('/readyz', ({ request }) =>
      guard(request, async (respond) => {
        if (deps.health.shuttingDown) return respond.plainJson({ status: 'shutting down' }, 503);
        try {
          // Any cheap read proves the database answers.
          await deps.store.getTenant('readyz-probe');
          return respond.plainJson({ status: 'ready' });
        } catch {
          return respond.plainJson({ status: 'database unavailable' }, 503);
        }
      }),
    )
    .get('/openapi.json', ({ request }) =>
      guard(request, async (respond) => respond.text(openApiText, JSON_CONTENT_TYPE)),
    )
    .get('/docs', ({ request }) =>
      guard(request, async (respond) => respond.text(page, 'text/html; charset=utf-8')),
    );
}
