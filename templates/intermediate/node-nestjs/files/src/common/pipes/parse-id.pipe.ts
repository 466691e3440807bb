/**
 * The {id} of a path as the canonical decimal string of a 64-bit id (a
 * JavaScript number cannot hold every one), or the contract's 400 naming
 * the parameter id.
 */

import { Injectable, type PipeTransform } from "@nestjs/common";

import { badRequest } from "../../contract/problem";
import { idError, parseId } from "../../contract/rules";

@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const id = parseId(value);
    if (id === undefined) {
      throw badRequest([idError()]);
    }
    return id;
  }
}
