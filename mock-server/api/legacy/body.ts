// Reading legacy POST bodies: keys match case-insensitively (ASP.NET binding), unknown keys are
// ignored (Octopus.Client posts whole resources with Links and nulls), and every type problem is
// collected so the route can answer one 400 listing them all. Malformed input never throws a 5xx.
import { validationFailed } from '../errors.js';

export class BodyReader {
  readonly problems: string[] = [];
  private readonly fields = new Map<string, unknown>();

  constructor(body: unknown) {
    if (body === null || body === undefined || typeof body !== 'object' || Array.isArray(body)) {
      this.problems.push('The request body must be a JSON object.');
      return;
    }
    for (const [k, v] of Object.entries(body)) this.fields.set(k.toLowerCase(), v);
  }

  private raw(name: string): unknown {
    return this.fields.get(name.toLowerCase());
  }

  /** A string; null/absent → undefined; `required` adds a problem when missing or empty. */
  string(name: string, required = false): string | undefined {
    const v = this.raw(name);
    if (v === undefined || v === null || v === '') {
      if (required) this.problems.push(`${name} is required.`);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.problems.push(`${name} must be a string.`);
      return undefined;
    }
    return v;
  }

  /** One of `allowed`, matched ignoring case and returned as written there; anything else is a problem. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const match = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (match === undefined) this.problems.push(`${name} must be one of ${allowed.join(', ')}.`);
    return match;
  }

  boolean(name: string): boolean | undefined {
    const v = this.raw(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.problems.push(`${name} must be true or false.`);
      return undefined;
    }
    return v;
  }

  stringArray(name: string): string[] | undefined {
    const v = this.raw(name);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      this.problems.push(`${name} must be an array of strings.`);
      return undefined;
    }
    return [...(v as string[])];
  }

  stringMap(name: string): Record<string, string> | undefined {
    const v = this.raw(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
      this.problems.push(`${name} must be an object whose values are strings.`);
      return undefined;
    }
    return { ...(v as Record<string, string>) };
  }

  /** An array of objects, each read by `read` with its own reader (problems prefixed with the index). */
  objectArray<T>(name: string, read: (item: BodyReader) => T | undefined): T[] | undefined {
    const v = this.raw(name);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.problems.push(`${name} must be an array.`);
      return undefined;
    }
    const out: T[] = [];
    v.forEach((item, i) => {
      const reader = new BodyReader(item);
      const value = reader.problems.length === 0 ? read(reader) : undefined;
      for (const p of reader.problems) this.problems.push(`${name}[${i}]: ${p}`);
      if (value !== undefined && reader.problems.length === 0) out.push(value);
    });
    return out;
  }

  /** Throws one 400 listing every problem found so far. */
  throwIfProblems(extra: string[] = []): void {
    const all = [...this.problems, ...extra];
    if (all.length > 0) throw validationFailed(all);
  }
}

/** A boolean query flag ('true'/'false', any case); anything else is a problem. */
export function queryFlag(value: unknown, name: string, problems: string[]): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value).toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  problems.push(`The query parameter '${name}' must be 'true' or 'false', got '${String(value)}'.`);
  return undefined;
}
