// A logger with pino's surface (levels, child) that keeps what would be written, as pino
// would write it: errors with their message, stack and every enumerable property (which
// is how a payload attached to an error ends up in a log).
export interface CapturedLog {
  logger: any;
  text(): string;
  bytes(): number;
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  let bytes = 0;
  const serialise = (value: unknown): string =>
    JSON.stringify(value, (_key, v: unknown) => {
      if (v instanceof Error) {
        const extra = Object.fromEntries(Object.entries(v));
        return {
          name: v.name,
          message: v.message,
          stack: v.stack,
          ...extra,
          ...(v instanceof AggregateError ? { errors: v.errors } : {}),
        };
      }
      return typeof v === 'bigint' ? String(v) : v;
    }) ?? '';
  const write =
    (level: string) =>
    (...args: unknown[]) => {
      const line = `${level} ${args.map(serialise).join(' ')}`;
      bytes += Buffer.byteLength(line) + 1;
      lines.push(line);
    };
  const logger: any = { level: 'trace', levels: { values: {} } };
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) logger[level] = write(level);
  logger.child = () => logger;
  logger.isLevelEnabled = () => true;
  return { logger, text: () => lines.join('\n'), bytes: () => bytes };
}
