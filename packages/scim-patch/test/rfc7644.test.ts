import { describe } from 'vitest';
import { loadFixtures, runFixtures } from './fixture-runner.ts';

describe('RFC 7644 §3.5.2 PATCH examples and rules', () => {
  runFixtures(loadFixtures('rfc7644.json'));
});
