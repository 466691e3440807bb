/**
 * An optional guard: requests must carry one of the configured API keys in
 * X-API-Key, else they are answered 401. It is not enabled by default (the
 * API contract has no authentication); the README says how to turn it on.
 * Handlers or controllers marked @Public() (the operational endpoints) stay
 * open, so that probes and scrapers keep working.
 */

import { timingSafeEqual } from "node:crypto";

import {
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import type { Request } from "express";

import { HttpProblem } from "../../contract/problem";

/** The injection token of the accepted API keys. */
export const API_KEYS = Symbol("API_KEYS");

const IS_PUBLIC = "isPublic";

/** Marks a controller or handler as open to requests without an API key. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);

@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: Buffer[];

  constructor(
    @Inject(API_KEYS) keys: readonly string[],
    private readonly reflector: Reflector,
  ) {
    this.keys = keys.filter((k) => k !== "").map((k) => Buffer.from(k));
  }

  canActivate(context: ExecutionContext): boolean {
    const open = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (open === true) {
      return true;
    }
    const given = context.switchToHttp().getRequest<Request>().headers["x-api-key"];
    if (typeof given === "string" && this.accepts(Buffer.from(given))) {
      return true;
    }
    throw new HttpProblem(401, "A valid API key is required in the X-API-Key header.");
  }

  private accepts(given: Buffer): boolean {
    return this.keys.some((key) => key.length === given.length && timingSafeEqual(key, given));
  }
}
