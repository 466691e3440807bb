/**
 * @PageQuery(): the page and limit of a list request, read from the query
 * string as sent, so that an empty or repeated parameter is refused (a
 * parsed query object would hide both). Invalid paging is the contract's 400
 * listing page, limit or both.
 */

import { createParamDecorator, type ExecutionContext } from "@nestjs/common";
import type { Request } from "express";

import { badRequest } from "../../contract/problem";
import { parsePaging, type Paging } from "../../contract/rules";

export function pagingOf(rawUrl: string): Paging {
  const paging = parsePaging(rawUrl);
  if (Array.isArray(paging)) {
    throw badRequest(paging);
  }
  return paging;
}

export const PageQuery = createParamDecorator((_data: unknown, ctx: ExecutionContext): Paging =>
  pagingOf(ctx.switchToHttp().getRequest<Request>().originalUrl),
);
