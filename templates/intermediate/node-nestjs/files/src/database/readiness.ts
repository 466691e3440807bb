/** Whether the database answers: the check of GET /ready. */

import { Injectable } from "@nestjs/common";
import { InjectDataSource } from "@nestjs/typeorm";
import type { DataSource } from "typeorm";

/** How long the database gets to answer SELECT 1. */
export const READY_TIMEOUT_MS = 2000;

/** Resolves true when the database answers SELECT 1 within timeoutMs, else false. */
export async function databaseAnswers(
  dataSource: DataSource,
  timeoutMs = READY_TIMEOUT_MS,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
  });
  try {
    const ping = dataSource.query("SELECT 1").then(
      () => true,
      () => false,
    );
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The readiness check as a provider, on the application's data source. */
@Injectable()
export class DatabaseReadiness {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Resolves true when the database answers within 2 seconds; asked anew every time. */
  answers(): Promise<boolean> {
    return databaseAnswers(this.dataSource);
  }
}
