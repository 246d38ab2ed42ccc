/** The few logger methods the agent uses; pino's Logger fits, tests pass a silent one. */
export interface AgentLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = (): void => undefined;
export const silentLogger: AgentLogger = { debug: noop, info: noop, warn: noop, error: noop };
