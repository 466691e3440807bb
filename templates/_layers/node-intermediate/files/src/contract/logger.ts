/**
 * The JSON log lines of the contract: one object per line on standard
 * output with time (RFC 3339, UTC), level (debug, info, warn, error) and msg.
 */

import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error";

/** The pino options every logger of the application uses. */
export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    base: null,
    messageKey: "msg",
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: {
      level: (label) => ({ level: label }),
    },
    // Never log credentials should a request or an error carry them.
    redact: {
      paths: ["req.headers.authorization", "req.headers.cookie", "req.headers['x-api-key']"],
      censor: "***",
    },
  };
}

/** A logger writing to destination (standard output by default). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return destination === undefined
    ? pino(loggerOptions(level))
    : pino(loggerOptions(level), destination);
}
