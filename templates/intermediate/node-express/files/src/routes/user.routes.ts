/** The paths of users and the middlewares and controller handlers of each method. */

import type { UserController } from "../controllers/user.controller";
import { jsonBody } from "../middlewares/json-body";
import { requireId } from "../middlewares/path-id";
import type { RouteDefinition } from "./route";

export function userRoutes(controller: UserController): RouteDefinition[] {
  return [
    {
      path: "/api/v1/users",
      methods: { get: [controller.list], post: [jsonBody, controller.create] },
    },
    {
      path: "/api/v1/users/{id}",
      methods: {
        get: [requireId, controller.get],
        patch: [requireId, jsonBody, controller.update],
        delete: [requireId, controller.delete],
      },
    },
  ];
}
