// Validation of command-line flag values. Each parser records a problem instead of throwing, so that a
// command reports every bad flag at once (OCTOBENCH_ERR_INVALID_ARGUMENT lists them all).
import { OctobenchError, type Problem } from '../core/errors.js';

export class FlagProblems {
  private readonly problems: Problem[] = [];

  add(flag: string, message: string): void {
    this.problems.push({ path: flag, message });
  }

  integer(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
    if (raw === undefined) return undefined;
    const text = raw.trim();
    if (!/^-?\d+$/.test(text)) {
      this.add(flag, `must be a whole number, got '${raw}'`);
      return undefined;
    }
    const value = Number(text);
    if (value < min || value > max) {
      this.add(flag, `must be between ${min} and ${max}, got ${value}`);
      return undefined;
    }
    return value;
  }

  number(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) {
      this.add(flag, `must be a number, got '${raw}'`);
      return undefined;
    }
    if (value < min || value > max) {
      this.add(flag, `must be between ${min} and ${max}, got ${value}`);
      return undefined;
    }
    return value;
  }

  nonEmpty(flag: string, raw: string | undefined, pattern?: RegExp, patternHint?: string): string | undefined {
    if (raw === undefined) return undefined;
    if (raw.trim() === '') {
      this.add(flag, 'must not be empty');
      return undefined;
    }
    if (pattern && !pattern.test(raw)) {
      this.add(flag, patternHint ?? `has an invalid format: '${raw}'`);
      return undefined;
    }
    return raw;
  }

  /** Throws one coded error listing every problem, if there are any. */
  throwIfAny(command: string): void {
    if (this.problems.length === 0) return;
    const n = this.problems.length;
    throw new OctobenchError('OCTOBENCH_ERR_INVALID_ARGUMENT', `${command}: ${n} invalid flag${n === 1 ? '' : 's'}`, {
      problems: this.problems,
    });
  }
}
