/**
 * Ids are 64-bit integers, kept as decimal strings in the code: pg gives a
 * bigint column as a string, better-sqlite3 an INTEGER as a number.
 */

/** row with its id as a decimal string, whatever the driver gave. */
export function withStringId<T extends { id: string }>(row: T): T {
  const id: unknown = row.id;
  row.id = typeof id === "string" ? id : String(id);
  return row;
}
