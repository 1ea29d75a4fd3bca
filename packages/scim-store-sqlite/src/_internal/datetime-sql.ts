/**
 * SQL for the instant (milliseconds since 1970 UTC) an xsd:dateTime text names, or NULL when
 * it is not one: the same rules as `parseDateTime` in @scimkit/filter (four-digit year,
 * real calendar days, optional fraction of which three digits count, `Z` or `±hh:mm`, no
 * offset meaning UTC). Written with GLOB and SQLite's date functions so that it runs on every
 * driver, including bun:sqlite, which cannot register JavaScript functions.
 */
export function instantSql(value: string): string {
  const shape =
    "substr(x, 1, 19) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][Tt][0-9][0-9]:[0-9][0-9]:[0-9][0-9]'";
  const valid = [
    "typeof(x) = 'text'",
    shape,
    "(f = '' OR (f GLOB '.[0-9]*' AND NOT substr(f, 2) GLOB '*[^0-9]*'))",
    'date(substr(x, 1, 10)) IS substr(x, 1, 10)',
    "substr(x, 12, 2) <= '23'",
    "substr(x, 15, 2) <= '59'",
    "substr(x, 18, 2) <= '59'",
    "(length(z) < 6 OR (substr(z, 2, 2) <= '14' AND substr(z, 5, 2) <= '59'))",
  ].join(' AND ');
  const millis = [
    'CAST(round((julianday(substr(x, 1, 10)) - 2440587.5) * 86400000) AS INTEGER)',
    'CAST(substr(x, 12, 2) AS INTEGER) * 3600000',
    'CAST(substr(x, 15, 2) AS INTEGER) * 60000',
    'CAST(substr(x, 18, 2) AS INTEGER) * 1000',
    "(CASE WHEN f = '' THEN 0 ELSE CAST(substr(substr(f, 2) || '00', 1, 3) AS INTEGER) END)",
    "(CASE WHEN length(z) = 6 THEN (CASE substr(z, 1, 1) WHEN '-' THEN 1 ELSE -1 END) * (CAST(substr(z, 2, 2) AS INTEGER) * 60 + CAST(substr(z, 5, 2) AS INTEGER)) * 60000 ELSE 0 END)",
  ].join(' + ');
  const zone =
    "CASE WHEN rest GLOB '*[Zz]' THEN substr(rest, -1) WHEN rest GLOB '*[+-][0-9][0-9]:[0-9][0-9]' THEN substr(rest, -6) ELSE '' END";
  return `(SELECT CASE WHEN ${valid} THEN ${millis} END FROM (SELECT x, z, substr(rest, 1, length(rest) - length(z)) AS f FROM (SELECT x, rest, ${zone} AS z FROM (SELECT x, substr(x, 20) AS rest FROM (SELECT ${value} AS x)))))`;
}
