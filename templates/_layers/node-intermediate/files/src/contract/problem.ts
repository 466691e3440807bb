/**
 * RFC 9457 problem details, exactly as the API contract spells them: every
 * 4xx and 5xx answer is built here, whatever the framework.
 */

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** One invalid part of a request: a body field or a query/path parameter. */
export type FieldError =
  { pointer: string; detail: string } | { parameter: string; detail: string };

/** The body of a problem answer. */
export interface Problem {
  type: "about:blank";
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldError[];
}

/**
 * The JSON Pointer (RFC 6901) of a top-level body member in URI fragment
 * form, as the contract's field errors write it: "#/name", with "~" and "/"
 * escaped as "~0" and "~1", then every UTF-8 byte a URI fragment may not
 * hold percent-encoded ("#/na%20me"). An empty name is the body itself: "#".
 */
export function jsonPointer(field: string): string {
  if (field === "") {
    return "#";
  }
  const token = field.replaceAll("~", "~0").replaceAll("/", "~1");
  let out = "#/";
  for (const byte of Buffer.from(token, "utf8")) {
    const c = String.fromCharCode(byte);
    out += FRAGMENT_SAFE.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

// What a URI fragment may hold unescaped (RFC 3986: unreserved, sub-delims,
// ":", "@", "/" and "?").
const FRAGMENT_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/;

/** The field error of a body member. */
export function pointerError(field: string, detail: string): FieldError {
  return { pointer: jsonPointer(field), detail };
}

/** The reason phrases of RFC 9110 for the statuses the API answers. */
const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Returns the RFC 9110 reason phrase of status. */
export function titleOf(status: number): string {
  return TITLES[status] ?? (status >= 500 ? "Internal Server Error" : "Bad Request");
}

/**
 * An error that is answered as a problem detail. Services and handlers throw
 * it; each framework's error handler turns it into the answer.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    detail: string,
    errors?: FieldError[],
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "HttpProblem";
    this.status = status;
    this.detail = detail;
    this.errors = errors;
    this.headers = headers;
  }
}

/** 400: the request is invalid; errors names every invalid part. */
export function badRequest(errors: FieldError[]): HttpProblem {
  return new HttpProblem(400, "The request is invalid; see errors.", errors);
}

/** 404 for a well-formed id that no item has; item is the kebab-case singular. */
export function notFoundItem(item: string, id: string): HttpProblem {
  return new HttpProblem(404, `No ${item} has the id ${id}.`);
}

/** 404 for a path the API does not have. */
export function notFoundPath(): HttpProblem {
  return new HttpProblem(404, "There is nothing at this path.");
}

/** 405 for a method a path does not serve; allow lists the ones it does. */
export function methodNotAllowed(allow: readonly string[]): HttpProblem {
  return new HttpProblem(405, "The method is not allowed here; see the Allow header.", undefined, {
    Allow: allow.join(", "),
  });
}

/** 409 for an email another user has. */
export function conflictEmail(): HttpProblem {
  return new HttpProblem(409, "A user with this email already exists.");
}

/** 413 for a body over the limit. */
export function tooLarge(): HttpProblem {
  return new HttpProblem(413, "The request body is larger than 1 MiB.");
}

/** 500 for anything unexpected; the cause goes to the log, never the client. */
export function internalError(): HttpProblem {
  return new HttpProblem(500, "An unexpected error occurred.");
}

/** 503 for /ready when the database does not answer. */
export function unavailable(): HttpProblem {
  return new HttpProblem(503, "The database is not answering.");
}

/** The problem body of p for the request whose raw URL was rawUrl. */
export function problemBody(p: HttpProblem, rawUrl: string): Problem {
  const body: Problem = {
    type: "about:blank",
    title: titleOf(p.status),
    status: p.status,
    detail: p.detail,
    instance: instanceOf(rawUrl),
  };
  if (p.status === 400) {
    body.errors = p.errors ?? [];
  }
  return body;
}

/** The path of a raw request URL as sent (percent-escapes kept), without the query. */
export function instanceOf(rawUrl: string): string {
  const end = rawUrl.search(/[?#]/);
  const path = end < 0 ? rawUrl : rawUrl.slice(0, end);
  return path === "" ? "/" : path;
}
