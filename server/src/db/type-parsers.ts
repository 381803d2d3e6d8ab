/**
 * One set of type parsers for both engines, so a query returns the same JS values on
 * PostgreSQL and PGlite.
 *
 * - int8 and numeric become numbers: sums of integer riel stay far below 2^53.
 * - date stays the 'YYYY-MM-DD' string: a birth date must not shift with the server's time zone.
 */
export const TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  20: (v) => Number(v), // int8
  1700: (v) => Number(v), // numeric
  1082: (v) => v, // date
  1182: (v) => v, // date[] handled as text
};
