/**
 * The API contract's rules for what a client sends: ids in paths, paging
 * parameters, and the string fields of users and items, with the exact texts
 * of their field errors. Each framework's validation calls these, so every
 * template applies the same rules the same way.
 */

import type { FieldError } from "./problem";

/** The largest request body the API reads (1 MiB). */
export const MAX_BODY_BYTES = 1_048_576;

/** The rule texts of the contract's field errors. */
export const RULES = {
  object: "must be a JSON object sent as application/json",
  required: "is required",
  string: "must be a string",
  name: "must be 1 to 100 characters",
  description: "must be 1 to 1000 characters; send null for none",
  control: "must not contain control characters",
  email: "must be a valid email address of at most 254 characters",
  unknown: "is not a known field",
  page: "must be an integer from 1 to 2147483647",
  limit: "must be an integer from 1 to 100",
  id: "must be an integer from 1 to 9223372036854775807",
} as const;

export const DEFAULT_PAGE = 1;
export const MAX_PAGE = 2_147_483_647;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
export const MAX_NAME = 100;
export const MAX_EMAIL = 254;
export const MAX_DESCRIPTION = 1000;

const MAX_ID = 9_223_372_036_854_775_807n;

/** A page of a list that was asked for. */
export interface Paging {
  page: number;
  limit: number;
}

/** The number of items before the page. */
export function offsetOf(p: Paging): number {
  return (p.page - 1) * p.limit;
}

/**
 * Parses the {id} of a path: decimal digits, no sign, no leading zero, from 1
 * to 9223372036854775807. Returns the id in canonical decimal form (ids are
 * kept as strings, since a JavaScript number cannot hold every 64-bit id), or
 * undefined.
 */
export function parseId(raw: string): string | undefined {
  if (!/^[1-9][0-9]{0,18}$/.test(raw) || BigInt(raw) > MAX_ID) {
    return undefined;
  }
  return raw;
}

/** The field error of an invalid path id. */
export function idError(): FieldError {
  return { parameter: "id", detail: RULES.id };
}

/**
 * Reads page and limit from the query string of a raw request URL, applying
 * the defaults. A value that is empty, given twice or out of range is a field
 * error; both parameters are checked, so both can be reported at once.
 */
export function parsePaging(rawUrl: string): Paging | FieldError[] {
  const q = rawUrl.indexOf("?");
  const params = new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1).split("#", 1)[0]);
  const errors: FieldError[] = [];
  const page = param(params, "page", DEFAULT_PAGE, MAX_PAGE);
  if (page === undefined) {
    errors.push({ parameter: "page", detail: RULES.page });
  }
  const limit = param(params, "limit", DEFAULT_LIMIT, MAX_LIMIT);
  if (limit === undefined) {
    errors.push({ parameter: "limit", detail: RULES.limit });
  }
  if (page === undefined || limit === undefined) {
    return errors;
  }
  return { page, limit };
}

function param(
  params: URLSearchParams,
  name: string,
  def: number,
  max: number,
): number | undefined {
  const values = params.getAll(name);
  if (values.length === 0) {
    return def;
  }
  const [value] = values;
  if (values.length !== 1 || value === undefined || !/^[1-9][0-9]{0,9}$/.test(value)) {
    return undefined;
  }
  const n = Number(value);
  return n <= max ? n : undefined;
}

/** The result of checking a string field: its trimmed value, or the rule it breaks. */
export type Checked = { value: string } | { rule: string };

// White space as Unicode defines it (Go's unicode.IsSpace), trimmed from both
// ends of every string field. It differs from String.prototype.trim, which
// keeps U+0085 and removes U+FEFF.
const SPACE =
  "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const SURROUNDING_SPACE = new RegExp(`^${SPACE}+|${SPACE}+$`, "gu");

/** Returns s without surrounding white space. */
export function trimSpace(s: string): string {
  return s.replace(SURROUNDING_SPACE, "");
}

/** The number of Unicode code points in s. */
function length(s: string): number {
  return Array.from(s).length;
}

// Control characters, U+0000 to U+001F and U+007F: matching them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/u;
// The same but tab, line feed and carriage return, which a description may hold.
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

// The address syntax browsers use for <input type="email">, ASCII only.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Checks a name: trimmed, then 1 to 100 characters, no control characters. */
export function checkName(raw: string): Checked {
  const value = trimSpace(raw);
  const n = length(value);
  if (n === 0 || n > MAX_NAME) {
    return { rule: RULES.name };
  }
  if (CONTROL.test(value)) {
    return { rule: RULES.control };
  }
  return { value };
}

/** Checks an email: trimmed, then at most 254 characters of the address syntax, no control characters. */
export function checkEmail(raw: string): Checked {
  const value = trimSpace(raw);
  const n = length(value);
  if (n === 0 || n > MAX_EMAIL) {
    return { rule: RULES.email };
  }
  if (CONTROL.test(value)) {
    return { rule: RULES.control };
  }
  if (!EMAIL.test(value)) {
    return { rule: RULES.email };
  }
  return { value };
}

/**
 * Checks a description string: trimmed, then 1 to 1000 characters, no control
 * characters but tab, line feed and carriage return. (null, meaning none, is
 * the caller's to accept before calling this.)
 */
export function checkDescription(raw: string): Checked {
  const value = trimSpace(raw);
  const n = length(value);
  if (n === 0 || n > MAX_DESCRIPTION) {
    return { rule: RULES.description };
  }
  if (CONTROL_BUT_LINES.test(value)) {
    return { rule: RULES.control };
  }
  return { value };
}

/**
 * Reports whether a Content-Type header value is application/json with at
 * most a charset=utf-8 parameter.
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) {
    return false;
  }
  const [type, ...params] = value.split(";").map((part) => part.trim());
  if (type?.toLowerCase() !== "application/json") {
    return false;
  }
  return params.every((p) => {
    const eq = p.indexOf("=");
    if (eq < 0) {
      return false;
    }
    const key = p.slice(0, eq).trim().toLowerCase();
    const val = p
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .toLowerCase();
    return key === "charset" && val === "utf-8";
  });
}
