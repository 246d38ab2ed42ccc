import { bytes } from './output';

/**
 * Upload/download progress on stderr: a redrawn bar on a terminal; otherwise plain lines
 * (the start, the first bytes sent, then at most one a second, then the last) that logs and tests can read.
 */
export class Progress {
  private readonly tty: boolean;
  private readonly started = Date.now();
  private startBytes: number | undefined;
  private lastDraw = 0;
  private lines = 0;
  private moved = false;
  private sent = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(out.isTTY);
  }

  update(sent: number): void {
    this.startBytes ??= sent;
    this.sent = sent;
    const now = Date.now();
    // Plain lines: the starting point, the first bytes that moved, then one a second.
    const firstMove = !this.moved && sent > this.startBytes;
    if (firstMove) this.moved = true;
    if (this.tty ? now - this.lastDraw < 100 : this.lines > 0 && !firstMove && now - this.lastDraw < 1000) return;
    this.lastDraw = now;
    this.draw(false);
  }

  done(): void {
    this.sent = this.total;
    this.draw(true);
  }

  private draw(final: boolean): void {
    const percent = this.total ? Math.floor((this.sent / this.total) * 100) : 100;
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = `${bytes(Math.round((this.sent - (this.startBytes ?? 0)) / seconds))}/s`;
    const amount = `${this.sent}/${this.total} bytes (${bytes(this.sent)} of ${bytes(this.total)})`;
    if (this.tty) {
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      this.out.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${bytes(this.sent)}/${bytes(this.total)} ${rate}\x1b[K${final ? '\n' : ''}`);
    } else {
      this.out.write(`${this.label}: ${percent}% ${amount} ${rate}\n`);
    }
    this.lines++;
  }
}
