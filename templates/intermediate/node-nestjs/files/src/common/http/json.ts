/**
 * JSON numbers for 64-bit ids. Ids are kept as decimal strings (a JavaScript
 * number is exact only up to 2^53), yet the contract answers them as JSON
 * numbers: an id a number cannot hold is written digit for digit with
 * JSON.rawJSON.
 */

/** A JSON integer: a number, or a raw JSON value that JSON.stringify writes as its digits. */
export type JsonInteger = number | object;

const rawJSON = (JSON as unknown as { rawJSON?: (text: string) => object }).rawJSON;

/** The JSON integer of a canonical decimal string. */
export function jsonInteger(digits: string): JsonInteger {
  const n = Number(digits);
  if (Number.isSafeInteger(n) || rawJSON === undefined) {
    return n;
  }
  return rawJSON(digits);
}
