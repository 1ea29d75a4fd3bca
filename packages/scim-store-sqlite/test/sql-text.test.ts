import { describe, expect, it } from 'vitest';
import { SqlParams } from '../src/_internal/sql-text.ts';

describe('SqlParams.finish', () => {
  it('binds parameters in the order their placeholders appear, a value used twice twice', () => {
    const params = new SqlParams();
    const a = params.add('a');
    const b = params.add(2);
    expect(params.finish(`SELECT ${b}, ${a} WHERE x = ${b}`)).toEqual({
      sql: 'SELECT ?, ? WHERE x = ?',
      params: [2, 'a', 2],
    });
  });

  it('leaves text without placeholders as it is', () => {
    expect(new SqlParams().finish('SELECT 1')).toEqual({ sql: 'SELECT 1', params: [] });
  });

  it('reads only mark, digits, mark as a placeholder', () => {
    const params = new SqlParams();
    const a = params.add('a');
    const stray = String.fromCharCode(1);
    expect(params.finish(`x${stray}y ${stray}${stray} ${a} ${stray}12`)).toEqual({
      sql: `x${stray}y ${stray}${stray} ? ${stray}12`,
      params: ['a'],
    });
  });
});
