/**
 * Unauthenticated requests are logged as a count, not one line each: a flood of unsigned requests
 * from one source would otherwise write gigabytes of identical lines an hour (and let anyone on the
 * internet fill the disk). The first refusal of a quiet period is logged at once; the rest are
 * summed by reason and source and logged as one line per interval.
 */
export interface RefusalLogger {
  info(details: object, message: string): void;
}

export class RefusalLog {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: RefusalLogger,
    private readonly intervalMs: number,
    private readonly what = 'events refused: unauthenticated',
  ) {}

  note(reason: string, source: string): void {
    if (!this.timer) {
      // Quiet until now: say so at once, then collect for one interval.
      this.log.info({ refusal: reason, source }, this.what.replace(/^events/, 'event'));
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref();
      return;
    }
    const key = `${reason} ${source}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Logs what was collected (one line), and stays quiet until the next refusal. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.counts.size === 0) return;
    const bySource = [...this.counts].map(([key, count]) => {
      const [refusal, source] = key.split(' ');
      return { refusal, source, count };
    });
    const total = bySource.reduce((sum, entry) => sum + entry.count, 0);
    this.counts = new Map();
    // The 20 largest sources are named; the rest are in the total.
    this.log.info({ total, intervalMs: this.intervalMs, top: bySource.sort((a, b) => b.count - a.count).slice(0, 20) }, `${this.what} (summed)`);
  }
}
