/**
 * The HTTP side of users: reads what the request carries (the checked id,
 * the paging, the body against its schema), calls the service and writes
 * the answer. Errors go to the error handler as thrown.
 */

import type { Request, Response } from "express";

import { badRequest } from "../contract/problem";
import { parsePaging } from "../contract/rules";
import { userCreateSchema, userUpdateSchema, type User } from "../models/user.model";
import type { UserService } from "../services/user.service";
import { pathId } from "../utils/http";
import { jsonId, sendJson } from "../utils/json";
import { validateBody } from "../utils/validation";

/** A user as the API writes it. */
function present(user: User): Record<string, unknown> {
  return { ...user, id: jsonId(user.id) };
}

export class UserController {
  constructor(private readonly users: UserService) {}

  list = async (req: Request, res: Response): Promise<void> => {
    const paging = parsePaging(req.originalUrl);
    if (Array.isArray(paging)) {
      throw badRequest(paging);
    }
    const page = await this.users.list(paging);
    sendJson(res, 200, { ...page, data: page.data.map(present) });
  };

  create = async (req: Request, res: Response): Promise<void> => {
    const user = await this.users.create(validateBody(userCreateSchema, req.body));
    res.location(`/api/v1/users/${user.id}`);
    sendJson(res, 201, present(user));
  };

  get = async (_req: Request, res: Response): Promise<void> => {
    sendJson(res, 200, present(await this.users.get(pathId(res))));
  };

  update = async (req: Request, res: Response): Promise<void> => {
    const input = validateBody(userUpdateSchema, req.body);
    sendJson(res, 200, present(await this.users.update(pathId(res), input)));
  };

  delete = async (_req: Request, res: Response): Promise<void> => {
    await this.users.delete(pathId(res));
    res.status(204).end();
  };
}
