/**
 * The users resource under /api/v1/users, as a Fastify plugin: each route's
 * TypeBox schema validates the request and serialises the answer, and the
 * handlers only translate between HTTP and the service.
 */

import type { FastifyPluginCallbackTypebox } from "@fastify/type-provider-typebox";

import { checkId, idOf, pagingOf } from "../../common/request";
import { IdParamsSchema, PagingQuerySchema, ProblemResponses } from "../../common/schemas";
import {
  UserCreateSchema,
  UserPageSchema,
  UserSchema,
  UserUpdateSchema,
  type UserBody,
} from "./users.schemas";
import type { UserRecord, UsersService } from "./users.service";

const PATH = "/api/v1/users";

/** A stored user as answered: the id as a 64-bit integer. */
function toBody(user: UserRecord): UserBody {
  return { ...user, id: BigInt(user.id) };
}

export interface UsersRoutesOptions {
  service: UsersService;
}

export const usersRoutes: FastifyPluginCallbackTypebox<UsersRoutesOptions> = (
  app,
  { service },
  done,
) => {
  app.get(
    PATH,
    {
      schema: {
        operationId: "listUsers",
        querystring: PagingQuerySchema,
        response: { 200: UserPageSchema, 400: ProblemResponses[400], 500: ProblemResponses[500] },
      },
    },
    async (request) => {
      const page = await service.list(pagingOf(request));
      return { ...page, data: page.data.map(toBody) };
    },
  );

  app.post(
    PATH,
    {
      schema: {
        operationId: "createUser",
        body: UserCreateSchema,
        response: {
          201: UserSchema,
          400: ProblemResponses[400],
          409: ProblemResponses[409],
          413: ProblemResponses[413],
          500: ProblemResponses[500],
        },
      },
    },
    async (request, reply) => {
      const user = await service.create(request.body);
      return reply.code(201).header("location", `${PATH}/${user.id}`).send(toBody(user));
    },
  );

  app.get(
    `${PATH}/:id`,
    {
      onRequest: checkId,
      schema: {
        operationId: "getUser",
        params: IdParamsSchema,
        response: {
          200: UserSchema,
          400: ProblemResponses[400],
          404: ProblemResponses[404],
          500: ProblemResponses[500],
        },
      },
    },
    async (request) => toBody(await service.get(idOf(request))),
  );

  app.patch(
    `${PATH}/:id`,
    {
      onRequest: checkId,
      schema: {
        operationId: "updateUser",
        params: IdParamsSchema,
        body: UserUpdateSchema,
        response: {
          200: UserSchema,
          400: ProblemResponses[400],
          404: ProblemResponses[404],
          409: ProblemResponses[409],
          413: ProblemResponses[413],
          500: ProblemResponses[500],
        },
      },
    },
    async (request) => toBody(await service.update(idOf(request), request.body)),
  );

  app.delete(
    `${PATH}/:id`,
    {
      onRequest: checkId,
      schema: {
        operationId: "deleteUser",
        params: IdParamsSchema,
        response: {
          204: { type: "null", description: "The user is deleted; there is no body." },
          400: ProblemResponses[400],
          404: ProblemResponses[404],
          500: ProblemResponses[500],
        },
      },
    },
    async (request, reply) => {
      await service.delete(idOf(request));
      return reply.code(204).send();
    },
  );
  done();
};
