/**
 * Where `PassportStrategy` (@nestjs/passport) registers a strategy when Nest builds it: nowhere.
 * Its default is passport's process-wide singleton, where the strategy of the last app built in a
 * process (tests and benches build several, and close them) would answer for every app. Each app's
 * `AuthenticationGuard` adds its own strategy instances to its own passport `Authenticator` instead.
 */
export interface StrategyRegistry {
  use(...args: unknown[]): StrategyRegistry;
}

export const UNREGISTERED: StrategyRegistry = { use: () => UNREGISTERED };
