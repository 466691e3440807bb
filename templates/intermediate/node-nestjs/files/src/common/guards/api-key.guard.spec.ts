import type { ExecutionContext } from "@nestjs/common";
import { Reflector } from "@nestjs/core";

import { HttpProblem } from "../../contract/problem";
import { ApiKeyGuard, Public } from "./api-key.guard";

class OpenController {
  handler(): void {
    // a handler of a controller marked @Public()
  }
}
Public()(OpenController);

class ClosedController {
  handler(): void {
    // a handler of a controller without @Public()
  }
}

/** The execution context of a request with headers to the handler of controller. */
function contextOf(
  controller: new () => { handler: () => void },
  headers: Record<string, string>,
): ExecutionContext {
  const handler = Object.getOwnPropertyDescriptor(controller.prototype, "handler")
    ?.value as () => void;
  const context = {
    getHandler: () => handler,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => ({ headers }) }),
  };
  return context as unknown as ExecutionContext;
}

describe("ApiKeyGuard", () => {
  const guard = new ApiKeyGuard(["first-key", "second-key"], new Reflector());

  it("lets a request with a configured key in", () => {
    expect(guard.canActivate(contextOf(ClosedController, { "x-api-key": "second-key" }))).toBe(
      true,
    );
  });

  it("answers 401 without a key or with another one", () => {
    for (const headers of [{}, { "x-api-key": "wrong" }, { "x-api-key": "first-key " }]) {
      let caught: unknown;
      try {
        guard.canActivate(contextOf(ClosedController, headers));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(HttpProblem);
      expect((caught as HttpProblem).status).toBe(401);
    }
  });

  it("leaves @Public() controllers open", () => {
    expect(guard.canActivate(contextOf(OpenController, {}))).toBe(true);
  });

  it("refuses everything when no key is configured", () => {
    const none = new ApiKeyGuard([""], new Reflector());
    expect(() => none.canActivate(contextOf(ClosedController, { "x-api-key": "" }))).toThrow(
      HttpProblem,
    );
  });
});
