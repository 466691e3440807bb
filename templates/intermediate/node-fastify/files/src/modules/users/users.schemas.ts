/**
 * The users resource's schemas, in TypeBox: the single source of request
 * validation (with the contract's string rules, see src/plugins/validation.ts),
 * response serialisation and the document @fastify/swagger generates
 * (test/openapi.spec.ts holds it to api/openapi.yaml).
 */

import { Type, type Static } from "@sinclair/typebox";

import { IdSchema, PageSchema, TimestampSchema } from "../../common/schemas";

const EMAIL_PATTERN =
  "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$";

/** A user as answered. */
export const UserSchema = Type.Object(
  {
    id: IdSchema,
    name: Type.String({
      description: "Trimmed; 1 to 100 code points; no control characters.",
      minLength: 1,
      maxLength: 100,
      pattern: "^[^\\x00-\\x20\\x7F](?:[^\\x00-\\x1F\\x7F]*[^\\x00-\\x20\\x7F])?$",
    }),
    email: Type.String({
      description: "Trimmed; at most 254 characters; unique in any letter case.",
      maxLength: 254,
      pattern: EMAIL_PATTERN,
    }),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  },
  { additionalProperties: false },
);

const name = Type.String({
  description: "1 to 100 code points once trimmed; no control characters (U+0000–U+001F, U+007F).",
  minLength: 1,
  maxLength: 100,
  pattern: "^[^\\x00-\\x1F\\x7F]+$",
});

const email = Type.String({
  description:
    'At most 254 characters once trimmed, matching the address syntax browsers use for `<input type="email">`; no control characters.',
  maxLength: 254,
  pattern: EMAIL_PATTERN,
});

/** The body of POST /api/v1/users. */
export const UserCreateSchema = Type.Object({ name, email }, { additionalProperties: false });

/** The body of PATCH /api/v1/users/{id}: any subset of the fields. */
export const UserUpdateSchema = Type.Object(
  { name: Type.Optional(name), email: Type.Optional(email) },
  { additionalProperties: false },
);

/** A page of users. */
export const UserPageSchema = PageSchema(UserSchema);

export type UserBody = Static<typeof UserSchema>;
export type UserCreate = Static<typeof UserCreateSchema>;
export type UserUpdate = Static<typeof UserUpdateSchema>;
