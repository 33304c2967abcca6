// Case-insensitive binding of Executions API bodies. Real clients send PascalCase (swagger, TS client
// command fields), camelCase (Go client, new CLI) and mixtures (TS client adds `spaceId`,
// `spaceIdOrName`, `spaceName`), so keys match ignoring case and unknown keys are ignored. Every field
// is type-checked and every problem is collected, so one 400 lists them all (`projectName is required`).
// Problems name fields in camelCase, the form most clients write. The caller's body is never mutated.
import { ApiError, validationFailed } from '../errors.js';

/** Longest accepted value of a name-like field (names, versions, ids); longer is a validation problem. */
export const MAX_NAME_LENGTH = 1024;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export interface StringRule {
  required?: boolean;
  /** Default MAX_NAME_LENGTH; pass Infinity for free text such as release notes. */
  maxLength?: number;
}

/** How problems name a field: its camelCase form (`ProjectName` → `projectName`). */
export function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rejects bodies that are not JSON objects; returns the object. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) {
    throw new ApiError('OCTOBENCH_ERR_API_MALFORMED_BODY', 'The request body is empty; a JSON object is required.');
  }
  if (!isPlainObject(body)) {
    const kind = body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`;
    throw new ApiError('OCTOBENCH_ERR_API_MALFORMED_BODY', `The request body must be a JSON object, not ${kind}.`);
  }
  return body;
}

/** raw() for a key given in two casings: already reported, so no further problem for that field. */
const DUPLICATE: unique symbol = Symbol('duplicate');

export class Binder {
  readonly problems: string[] = [];
  private readonly byLowerKey = new Map<string, string[]>();

  constructor(private readonly body: Record<string, unknown>) {
    for (const key of Object.keys(body)) {
      const lower = key.toLowerCase();
      const keys = this.byLowerKey.get(lower);
      if (keys) keys.push(key);
      else this.byLowerKey.set(lower, [key]);
    }
  }

  /** The raw value for a field name, whatever its casing; null counts as absent. */
  private raw(name: string): unknown {
    const keys = this.byLowerKey.get(name.toLowerCase());
    if (!keys) return undefined;
    if (keys.length > 1) {
      this.problems.push(`${camel(name)} is given more than once (${keys.map((k) => `'${k}'`).join(', ')})`);
      return DUPLICATE;
    }
    const value = this.body[keys[0]!];
    return value === null ? undefined : value;
  }

  string(name: string, rule: StringRule & { required: true }): string;
  string(name: string, rule?: StringRule): string | undefined;
  string(name: string, rule: StringRule = {}): string | undefined {
    const value = this.raw(name);
    const maxLength = rule.maxLength ?? MAX_NAME_LENGTH;
    if (value === DUPLICATE) return rule.required ? '' : undefined;
    if (value === undefined) {
      if (rule.required) this.problems.push(`${camel(name)} is required`);
      return rule.required ? '' : undefined;
    }
    if (typeof value !== 'string') {
      this.problems.push(`${camel(name)} must be a string`);
      return rule.required ? '' : undefined;
    }
    if (rule.required && value.trim() === '') this.problems.push(`${camel(name)} must not be empty`);
    if (value.length > maxLength) this.problems.push(`${camel(name)} must be at most ${maxLength} characters`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined || value === DUPLICATE) return undefined;
    if (typeof value !== 'boolean') {
      this.problems.push(`${camel(name)} must be a boolean`);
      return undefined;
    }
    return value;
  }

  /** A list of names; absent → [] unless required. Each entry is a string of at most MAX_NAME_LENGTH. */
  stringArray(name: string, rule: { required?: boolean } = {}): string[] {
    const value = this.raw(name);
    if (value === DUPLICATE) return [];
    if (value === undefined) {
      if (rule.required) this.problems.push(`${camel(name)} is required`);
      return [];
    }
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      this.problems.push(`${camel(name)} must be an array of strings`);
      return [];
    }
    if (value.some((v: string) => v.length > MAX_NAME_LENGTH)) {
      this.problems.push(`${camel(name)} entries must be at most ${MAX_NAME_LENGTH} characters`);
    }
    return value.slice() as string[];
  }

  /** An object whose values are strings (prompted variables, custom fields); copied without a prototype. */
  stringMap(name: string): Record<string, string> {
    const value = this.raw(name);
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    if (value === undefined || value === DUPLICATE) return out;
    if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
      this.problems.push(`${camel(name)} must be an object whose values are strings`);
      return out;
    }
    for (const [k, v] of Object.entries(value)) out[k] = v as string;
    return out;
  }

  /** An ISO 8601 date-time string as epoch milliseconds. */
  dateTime(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined || value === DUPLICATE) return undefined;
    const ms = typeof value === 'string' && ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) {
      this.problems.push(`${camel(name)} must be an ISO 8601 date-time string`);
      return undefined;
    }
    return ms;
  }

  /** Throws one 400 listing every problem collected so far. */
  finish(): void {
    if (this.problems.length > 0) throw validationFailed(this.problems.slice());
  }
}
