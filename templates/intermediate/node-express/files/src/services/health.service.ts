/** Liveness and readiness: whether the process answers, and whether its database does. */

/** Resolves when the database answers in time; rejects otherwise. */
export type Ping = () => Promise<void>;

export class HealthService {
  constructor(private readonly ping: Ping) {}

  /** Resolves when the database answers its ping (checked on every call, never cached). */
  checkDatabase(): Promise<void> {
    return this.ping();
  }
}
