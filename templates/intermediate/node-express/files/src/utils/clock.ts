/** The time of a write: UTC, whole milliseconds, in the contract's form (2025-01-02T03:04:05.678Z). */
export type Clock = () => string;

/** The system clock. */
export const systemClock: Clock = () => new Date().toISOString();
