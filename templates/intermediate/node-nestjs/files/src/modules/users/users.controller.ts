/** The HTTP face of users: /api/v1/users and /api/v1/users/{id}. */

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  UseInterceptors,
} from "@nestjs/common";

import { PageQuery } from "../../common/decorators/paging.decorator";
import { LocationInterceptor } from "../../common/interceptors/location.interceptor";
import { ParseIdPipe } from "../../common/pipes/parse-id.pipe";
import type { Paging } from "../../contract/rules";
import { CreateUserDto } from "./dto/create-user.dto";
import { UpdateUserDto } from "./dto/update-user.dto";
import {
  toUserPageResponse,
  toUserResponse,
  type UserPageResponse,
  type UserResponse,
} from "./dto/user.response";
import { UsersService } from "./users.service";

@Controller("api/v1/users")
export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get()
  async findAll(@PageQuery() paging: Paging): Promise<UserPageResponse> {
    return toUserPageResponse(await this.usersService.findAll(paging));
  }

  @Post()
  @UseInterceptors(LocationInterceptor)
  async create(@Body() body: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.usersService.create(body));
  }

  @Get(":id")
  async findOne(@Param("id", ParseIdPipe) id: string): Promise<UserResponse> {
    return toUserResponse(await this.usersService.findOne(id));
  }

  @Patch(":id")
  async update(
    @Param("id", ParseIdPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponse> {
    return toUserResponse(await this.usersService.update(id, body));
  }

  @Delete(":id")
  @HttpCode(204)
  async remove(@Param("id", ParseIdPipe) id: string): Promise<void> {
    await this.usersService.remove(id);
  }
}
