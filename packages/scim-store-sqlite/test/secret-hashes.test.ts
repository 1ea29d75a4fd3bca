import { describe, expect, it } from 'vitest';
import { hashSecret, SecretHashes } from '../src/_internal/tokens.ts';

describe('SecretHashes', () => {
  it('keeps at most its limit, starting over when full', () => {
    const hashes = new SecretHashes(2);
    hashes.remember('a', hashSecret('a'));
    hashes.remember('b', hashSecret('b'));
    expect(hashes.get('a')).toBe(hashSecret('a'));
    hashes.remember('c', hashSecret('c'));
    expect([hashes.get('a'), hashes.get('b'), hashes.get('c')]).toEqual([
      undefined,
      undefined,
      hashSecret('c'),
    ]);
  });
});
