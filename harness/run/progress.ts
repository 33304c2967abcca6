// Live progress of a run: points done of the total, elapsed time and ETA (elapsed ÷ done × remaining).
// Plain mode (not a TTY, e.g. CI logs): one line per finished point. TTY mode: a bar line that is
// rewritten in place (cursor up + clear line) as long as nothing else was printed after it; colour
// only when `color` (the caller passes false under NO_COLOR). Runner log lines go through `log` so the
// bar stays below them. Clock injected; `write` prints one line.
import type { Clock } from '../core/clock.js';

export interface ProgressOptions {
  total: number;
  clock: Clock;
  write(line: string): void;
  tty: boolean;
  color: boolean;
}

const UP_CLEAR = '\x1b[1A\x1b[2K';
const GREEN = '\x1b[32m';
const RESET = '\x1b[0m';
const BAR_WIDTH = 20;

export function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export class Progress {
  private readonly started: number;
  private done = 0;
  private barShown = false;

  constructor(private readonly o: ProgressOptions) {
    this.started = o.clock.now();
  }

  /** A runner's own log line; in TTY mode it goes above the bar. */
  log(line: string): void {
    if (this.o.tty && this.barShown) this.o.write(`${UP_CLEAR}${line}`);
    else this.o.write(line);
    this.barShown = false;
    if (this.o.tty && this.done > 0) this.bar();
  }

  /** One point (or repeat) finished; `label` names it (e.g. its parameters). */
  pointDone(label: string): void {
    this.done += 1;
    if (this.o.tty) this.bar();
    else this.o.write(`[${this.done}/${this.o.total}] ${label} · ${this.timing()}`);
  }

  private timing(): string {
    const elapsed = this.o.clock.now() - this.started;
    const remaining = this.o.total - this.done;
    const eta = this.done === 0 ? '?' : formatSeconds((elapsed / this.done) * remaining);
    return remaining === 0 ? `done in ${formatSeconds(elapsed)}` : `elapsed ${formatSeconds(elapsed)} · ETA ${eta}`;
  }

  private bar(): void {
    const filled = Math.round((this.done / Math.max(1, this.o.total)) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const text = `${this.o.color ? `${GREEN}${bar}${RESET}` : bar} ${this.done}/${this.o.total} points · ${this.timing()}`;
    this.o.write(this.barShown ? `${UP_CLEAR}${text}` : text);
    this.barShown = true;
  }
}
