import { ForbiddenException, NotFoundException, type ArgumentsHost } from "@nestjs/common";
import type { PinoLogger } from "nestjs-pino";

import { conflictEmail } from "../../contract/problem";
import { ProblemFilter } from "./problem.filter";

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Runs the filter on exception for a GET of url; returns the answer and what was logged at error. */
function answerTo(
  exception: unknown,
  url = "/api/v1/users?page=1",
): { answer: Answer; logged: unknown[] } {
  const answer: Answer = { status: 0, headers: {}, body: "" };
  const res = {
    headersSent: false,
    status: (status: number) => {
      answer.status = status;
    },
    setHeader: (name: string, value: string) => {
      answer.headers[name.toLowerCase()] = value;
    },
    send: (body: string) => {
      answer.body = body;
    },
    once: () => undefined,
  };
  const req = { originalUrl: url, method: "GET", complete: true };
  const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) };
  const logged: unknown[] = [];
  const logger = { error: (obj: unknown) => logged.push(obj) } as unknown as PinoLogger;
  new ProblemFilter(logger).catch(exception, host as unknown as ArgumentsHost);
  return { answer, logged };
}

describe("ProblemFilter", () => {
  it("answers an HttpProblem as the contract's problem detail", () => {
    const { answer, logged } = answerTo(conflictEmail());
    expect(answer.status).toBe(409);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(answer.body)).toEqual({
      type: "about:blank",
      title: "Conflict",
      status: 409,
      detail: "A user with this email already exists.",
      instance: "/api/v1/users",
    });
    expect(logged).toEqual([]);
  });

  it("answers Nest's own 404 as a path that is not there", () => {
    const { answer } = answerTo(new NotFoundException("Cannot GET /x"), "/x");
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 404,
      detail: "There is nothing at this path.",
    });
  });

  it("answers another refusal with its status, title and message", () => {
    const { answer } = answerTo(new ForbiddenException());
    expect(JSON.parse(answer.body)).toMatchObject({
      title: "Forbidden",
      status: 403,
      detail: "Forbidden.",
    });
  });

  it("answers anything else as a 500 and logs only the error's type, message and stack", () => {
    const cause = Object.assign(new Error("connection lost"), { parameters: ["a secret"] });
    const { answer, logged } = answerTo(cause);
    expect(JSON.parse(answer.body)).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "An unexpected error occurred.",
      instance: "/api/v1/users",
    });
    expect(JSON.stringify(logged)).toContain("connection lost");
    expect(JSON.stringify(logged)).not.toContain("a secret");
  });
});
