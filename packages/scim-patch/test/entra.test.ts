import { describe } from 'vitest';
import { loadFixtures, runFixtures } from './fixture-runner.ts';

describe('every PATCH shape Microsoft Entra ID sends (ENTRA.md)', () => {
  runFixtures(loadFixtures('entra.json'));
});
