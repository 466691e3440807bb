/**
 * The users table as TypeORM maps it. The schema is the migrations'
 * (src/database/migrations); this class only says how rows map to objects.
 */

import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "users" })
export class UserEntity {
  /** A 64-bit id, kept as a decimal string (see UsersRepository). */
  @PrimaryGeneratedColumn({ type: "bigint" })
  id!: string;

  @Column({ type: "varchar" })
  name!: string;

  /** As the user gave it; unique in any letter case. */
  @Column({ type: "varchar" })
  email!: string;

  /** UTC, in whole milliseconds. */
  @Column({ name: "created_at", type: Date })
  createdAt!: Date;

  /** UTC, in whole milliseconds; never before createdAt. */
  @Column({ name: "updated_at", type: Date })
  updatedAt!: Date;
}
