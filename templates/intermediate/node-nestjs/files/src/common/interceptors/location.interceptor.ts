/**
 * Sets the Location header of a 201: the path of the collection the item was
 * created in, then its id (`/api/v1/users/42`).
 */

import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from "@nestjs/common";
import type { Request, Response } from "express";
import { map, type Observable } from "rxjs";

import { instanceOf } from "../../contract/problem";

/** An item as a controller answers it. */
export interface Identified {
  id: unknown;
}

@Injectable()
export class LocationInterceptor<T extends Identified> implements NestInterceptor<T, T> {
  intercept(context: ExecutionContext, next: CallHandler<T>): Observable<T> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    return next.handle().pipe(
      map((item) => {
        res.setHeader("Location", `${instanceOf(req.originalUrl)}/${JSON.stringify(item.id)}`);
        return item;
      }),
    );
  }
}
