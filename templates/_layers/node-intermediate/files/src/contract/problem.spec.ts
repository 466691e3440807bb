import {
  HttpProblem,
  badRequest,
  conflictEmail,
  instanceOf,
  internalError,
  jsonPointer,
  methodNotAllowed,
  notFoundItem,
  notFoundPath,
  pointerError,
  problemBody,
  tooLarge,
  unavailable,
} from "./problem";

describe("problemBody", () => {
  it("spells every status the contract's way", () => {
    const cases: [HttpProblem, number, string, string][] = [
      [
        badRequest([{ pointer: "#/name", detail: "is required" }]),
        400,
        "Bad Request",
        "The request is invalid; see errors.",
      ],
      [notFoundItem("order-item", "7"), 404, "Not Found", "No order-item has the id 7."],
      [notFoundPath(), 404, "Not Found", "There is nothing at this path."],
      [
        methodNotAllowed(["GET", "HEAD"]),
        405,
        "Method Not Allowed",
        "The method is not allowed here; see the Allow header.",
      ],
      [conflictEmail(), 409, "Conflict", "A user with this email already exists."],
      [tooLarge(), 413, "Content Too Large", "The request body is larger than 1 MiB."],
      [internalError(), 500, "Internal Server Error", "An unexpected error occurred."],
      [unavailable(), 503, "Service Unavailable", "The database is not answering."],
    ];
    for (const [p, status, title, detail] of cases) {
      const body = problemBody(p, "/api/v1/users?page=2");
      expect(body).toMatchObject({
        type: "about:blank",
        status,
        title,
        detail,
        instance: "/api/v1/users",
      });
      expect("errors" in body).toBe(status === 400);
    }
  });

  it("lists the field errors of a 400 and the Allow header of a 405", () => {
    const errors = [{ parameter: "page", detail: "must be an integer from 1 to 2147483647" }];
    expect(problemBody(badRequest(errors), "/x").errors).toEqual(errors);
    expect(methodNotAllowed(["GET", "HEAD", "POST"]).headers).toEqual({ Allow: "GET, HEAD, POST" });
  });
});

describe("jsonPointer", () => {
  it("escapes as RFC 6901 and RFC 3986 say", () => {
    expect(jsonPointer("name")).toBe("#/name");
    expect(jsonPointer("")).toBe("#");
    expect(jsonPointer("a/b~c")).toBe("#/a~1b~0c");
    expect(jsonPointer('na me"')).toBe("#/na%20me%22");
    expect(jsonPointer("é")).toBe("#/%C3%A9");
    expect(jsonPointer("$&'()*+,;=:@?!")).toBe("#/$&'()*+,;=:@?!");
    expect(jsonPointer("\ud800")).toBe("#/%EF%BF%BD");
    expect(pointerError("role", "is not a known field")).toEqual({
      pointer: "#/role",
      detail: "is not a known field",
    });
  });
});

describe("instanceOf", () => {
  it("keeps the path as sent and drops the query", () => {
    expect(instanceOf("/api/v1/users/%41?x=1")).toBe("/api/v1/users/%41");
    expect(instanceOf("/health#frag")).toBe("/health");
    expect(instanceOf("?q")).toBe("/");
  });
});
