/**
 * What the middlewares add to Express's request and response: the request's
 * id and its logger (src/middlewares/request-context.ts), the OpenAPI route
 * it matched (src/routes/route.ts) and the id of its path
 * (src/middlewares/path-id.ts).
 */

import type { Logger } from "pino";

declare global {
  namespace Express {
    interface Request {
      /** The request id, also sent back in X-Request-ID. */
      id: string;
      /** The logger whose lines carry the request id. */
      log: Logger;
    }

    interface Locals {
      /** The route as the OpenAPI document writes it, for metrics and logs. */
      route?: string;
      /** The {id} of the path, checked and in canonical form. */
      id?: string;
    }
  }
}

export {};
