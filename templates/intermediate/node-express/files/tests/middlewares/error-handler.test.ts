import { HttpProblem, tooLarge } from "../../src/contract/problem";
import { causeOf, problemOf } from "../../src/middlewares/error-handler";
import { EmailTakenError, NotFoundError } from "../../src/models/errors";

describe("problemOf", () => {
  it("answers the services' errors with their problems", () => {
    expect(problemOf(new NotFoundError("order-item", "7"))).toMatchObject({
      status: 404,
      detail: "No order-item has the id 7.",
    });
    expect(problemOf(new EmailTakenError())).toMatchObject({ status: 409 });
  });

  it("keeps a problem as it is", () => {
    const problem = tooLarge();
    expect(problemOf(problem)).toBe(problem);
  });

  it("answers a path parameter Express could not decode as an invalid id", () => {
    expect(problemOf(new URIError("URI malformed"))).toMatchObject({
      status: 400,
      errors: [{ parameter: "id", detail: "must be an integer from 1 to 9223372036854775807" }],
    });
  });

  it("answers anything else with 500", () => {
    for (const err of [new Error("boom"), "boom", undefined]) {
      const problem = problemOf(err);
      expect(problem).toBeInstanceOf(HttpProblem);
      expect(problem.status).toBe(500);
    }
  });
});

describe("causeOf", () => {
  it("logs an error's type, code, message and stack, not what a driver attaches", () => {
    const err = Object.assign(new Error("null value in column"), {
      code: "23502",
      detail: "Failing row contains (1, ada@example.com).",
    });
    expect(causeOf(err)).toEqual({
      type: "Error",
      message: "null value in column",
      stack: err.stack,
      code: "23502",
    });
    expect(causeOf("boom")).toEqual({ type: "string" });
  });
});
