import { describe, expect, it } from 'vitest';
import { matchesAny, opaqueTag, parseEntityTags } from './etag.ts';

describe('entity tags', () => {
  it('parses If-Match lists, weak and strong', () => {
    expect(parseEntityTags(null)).toBeUndefined();
    expect(parseEntityTags(' * ')).toBe('*');
    expect(parseEntityTags('W/"3", "4",W/"a,b"')).toEqual(['W/"3"', '"4"', 'W/"a,b"']);
  });

  it('compares weakly', () => {
    expect(opaqueTag('W/"3"')).toBe('3');
    expect(matchesAny(['"3"'], 'W/"3"')).toBe(true);
    expect(matchesAny(['W/"2"'], 'W/"3"')).toBe(false);
    expect(matchesAny('*', 'W/"3"')).toBe(true);
    expect(matchesAny('*', undefined)).toBe(false);
  });
});
