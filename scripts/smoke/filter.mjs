// The built @scimkit/filter: parse, print and evaluate with the schema's rules.
import assert from 'node:assert/strict';
import { matchesFilter, parseFilter, parsePath, stringifyFilter } from '@scimkit/filter';
import { createRegistry, isScimError } from '@scimkit/schema';

export default function smokeFilter() {
  const registry = createRegistry();
  const filter = parseFilter('userName eq "ALICE@contoso.com" and emails[type eq "work"].value co "contoso"');
  assert.equal(stringifyFilter(parseFilter(stringifyFilter(filter))), stringifyFilter(filter));
  const alice = { userName: 'alice@contoso.com', emails: [{ type: 'work', value: 'alice@contoso.com' }] };
  assert.equal(matchesFilter(filter, alice, { registry, resourceType: 'User' }), true);
  assert.equal(parsePath('emails[type eq "work"].value').subAttribute, 'value');
  assert.throws(
    () => parseFilter('userName eq'),
    (error) => isScimError(error) && error.scimType === 'invalidFilter',
  );
}
