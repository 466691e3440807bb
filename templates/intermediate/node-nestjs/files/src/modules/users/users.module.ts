import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";

import { UserEntity } from "./entities/user.entity";
import { UsersController } from "./users.controller";
import { TypeOrmUsersRepository, UsersRepository } from "./users.repository";
import { UsersService } from "./users.service";

/** Users: /api/v1/users. Exports UsersService for other modules. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UsersController],
  providers: [
    UsersService,
    {
      provide: UsersRepository,
      useClass: TypeOrmUsersRepository,
    },
  ],
  exports: [UsersService],
})
export class UsersModule {}
