import { jsonInteger, type JsonInteger } from "../../../common/http/json";
import type { Paging } from "../../../contract/rules";
import type { UserEntity } from "../entities/user.entity";

/** A user as the API answers it. */
export interface UserResponse {
  id: JsonInteger;
  name: string;
  email: string;
  created_at: string;
  updated_at: string;
}

/** A page of users as the API answers it. */
export interface UserPageResponse extends Paging {
  data: UserResponse[];
  total: number;
}

export function toUserResponse(user: UserEntity): UserResponse {
  return {
    id: jsonInteger(user.id),
    name: user.name,
    email: user.email,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

export function toUserPageResponse(page: {
  data: UserEntity[];
  total: number;
  page: number;
  limit: number;
}): UserPageResponse {
  return {
    data: page.data.map(toUserResponse),
    total: page.total,
    page: page.page,
    limit: page.limit,
  };
}
