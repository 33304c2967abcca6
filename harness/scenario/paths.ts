// Parameter paths: `network.rttMs`, `deployment.steps[2].windowSize`. Converting validator pointers
// (`/network/rttMs`) to these paths (harness/core), and reading/writing values at a path without
// mutating the input.

export { pointerToPath } from '../core/input-file.js';

/** Splits `a.b[2].c` into ['a', 'b', 2, 'c']. */
export function splitPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const piece of path.split('.')) {
    const m = piece.match(/^([^[\]]*)((?:\[\d+\])*)$/);
    if (!m) throw new RangeError(`invalid parameter path '${path}'`);
    if (m[1]) parts.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  if (parts.length === 0 || parts.some((p) => p === '')) throw new RangeError(`invalid parameter path '${path}'`);
  return parts;
}

export function getAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of splitPath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A copy of root with value at path; intermediate objects are copied (or created), never mutated. */
export function setAt<T>(root: T, path: string, value: unknown): T {
  const keys = splitPath(path);
  const write = (node: unknown, i: number): unknown => {
    const key = keys[i]!;
    const base: Record<string | number, unknown> =
      Array.isArray(node) ? [...node] as unknown as Record<number, unknown> : node && typeof node === 'object' ? { ...(node as object) } : typeof key === 'number' ? ([] as unknown as Record<number, unknown>) : {};
    base[key] = i === keys.length - 1 ? value : write(base[key], i + 1);
    return base;
  };
  return write(root, 0) as T;
}
