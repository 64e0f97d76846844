/** A progress bar on a TTY (stderr), throttled; nothing when stderr is not a terminal. */
export class ProgressBar {
  private last = 0;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream, private readonly label: string) {}

  /** Whether a bar can be drawn at all. */
  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  /** Updates the bar (at most 5 times a second). */
  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200 && done < total) return;
    this.last = now;
    const width = 30;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(frac * width);
    const mb = (n: number) => (n / 1048576).toFixed(1);
    this.stream.write(`\r${this.label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${mb(done)}/${mb(total)} MB`);
    this.shown = true;
  }

  /** Clears the bar line. */
  done(): void {
    if (this.shown) this.stream.write("\r\x1b[K");
    this.shown = false;
  }
}
