/**
 * A user, and the bodies that create and update one, as zod schemas: a
 * field the schema does not list is refused.
 */

import { z } from "zod";

import { emailField, nameField, objectError } from "./fields";

/** A user as stored and answered; the id is the 64-bit id in decimal. */
export interface User {
  id: string;
  name: string;
  email: string;
  created_at: string;
  updated_at: string;
}

/** The body of POST /api/v1/users. */
export const userCreateSchema = z.strictObject({ name: nameField, email: emailField }, objectError);

/** The body of PATCH /api/v1/users/{id}: any of the fields. */
export const userUpdateSchema = z.strictObject(
  { name: nameField.optional(), email: emailField.optional() },
  objectError,
);

export type UserCreate = z.output<typeof userCreateSchema>;
export type UserUpdate = z.output<typeof userUpdateSchema>;
