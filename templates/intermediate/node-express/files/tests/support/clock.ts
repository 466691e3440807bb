import type { Clock } from "../../src/utils/clock";

/** A clock that answers 2025-01-02T03:04:05.000Z, then one second later on each call. */
export function steppingClock(): Clock {
  let next = Date.UTC(2025, 0, 2, 3, 4, 5);
  return () => {
    const now = new Date(next).toISOString();
    next += 1000;
    return now;
  };
}
