/**
 * A pass that runs every `everyMs` (the timer never keeps the process alive) and at most once at a
 * time in this process: a call while a pass runs joins it. A failing pass is reported to `onError`
 * and answers `fallback`, so a timer tick never leaves an unhandled rejection. `stop()` ends the
 * timer and waits for the pass in flight (module destroy).
 *
 * The sweepers of interrupted backups, server transfers and abandoned uploads share this shape; what
 * they sweep and how other processes are kept out (leases, advisory locks) stays theirs.
 */
export class PeriodicPass<T = void> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<T>;

  constructor(
    private readonly pass: () => Promise<T>,
    private readonly onError: (err: unknown) => void,
    private readonly fallback: T,
  ) {}

  start(everyMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.run(), everyMs);
    this.timer.unref();
  }

  /** One pass now, or the one already running. Never rejects. */
  run(): Promise<T> {
    this.running ??= this.pass()
      .catch((err: unknown) => {
        this.onError(err);
        return this.fallback;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
