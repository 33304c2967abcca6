// Deterministic weighted least squares for the simulator's constants (Gauss–Newton with a forward
// difference Jacobian). Each parameter is fitted in a coordinate where the model is close to linear
// (`toX`/`fromX`, e.g. 1/bandwidth = seconds per bit); for a model linear in those coordinates the first
// step lands exactly on the least-squares solution and the second confirms it. No randomness: the same
// observations and model give the same constants.

export interface FitParameter {
  /** Scenario path, e.g. `fleet.downlinkMbps`. */
  key: string;
  initial: number;
  /** The fitting coordinate; the model should be (nearly) linear in it. */
  toX(value: number): number;
  fromX(x: number): number;
  /** Bounds on the value (after fromX). */
  min: number;
  max: number;
}

export interface FitInput {
  parameters: readonly FitParameter[];
  /** Observed (live) values, one per residual row. */
  observed: readonly number[];
  /** Predicted values for the rows at the given parameter values (the simulator, or a synthetic model). */
  model(values: readonly number[]): readonly number[];
  /** Gauss–Newton iterations at most (default 6). */
  maxIterations?: number;
}

export interface FitOutcome {
  /** The values with the smallest sum of squared relative residuals among the iterates. */
  values: number[];
  iterations: number;
  /** Parameters the rows do not depend on (left at their initial value). */
  notIdentifiable: string[];
  /** Parameters that ended on a bound. */
  atBound: string[];
}

/** Weighted residual rows: (model − observed) / observed, so every row counts as a relative error. */
function residuals(observed: readonly number[], predicted: readonly number[]): number[] {
  return observed.map((o, i) => ((predicted[i] ?? NaN) - o) / o);
}

/** Solves A·d = b (n×n, partial pivoting); a column with no usable pivot gets d = 0 and is reported. */
export function solveLinear(a: number[][], b: number[]): { d: number[]; singular: number[] } {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  const scale = Math.max(1e-300, ...a.map((row) => Math.max(...row.map(Math.abs))));
  const singular: number[] = [];
  const pivotCol: number[] = [];
  let r = 0;
  for (let c = 0; c < n; c++) {
    let best = r;
    for (let i = r + 1; i < n; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[best]![c]!)) best = i;
    if (r >= n || Math.abs(m[best]![c]!) <= scale * 1e-12) { singular.push(c); continue; }
    [m[r], m[best]] = [m[best]!, m[r]!];
    for (let i = 0; i < n; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      for (let k = c; k <= n; k++) m[i]![k]! -= f * m[r]![k]!;
    }
    pivotCol[r] = c;
    r++;
  }
  const d = new Array<number>(n).fill(0);
  for (let i = 0; i < r; i++) d[pivotCol[i]!] = m[i]![n]! / m[i]![pivotCol[i]!]!;
  return { d, singular };
}

export function fitConstants(input: FitInput): FitOutcome {
  const { parameters: params, observed } = input;
  const clampValue = (p: FitParameter, v: number): number => Math.min(p.max, Math.max(p.min, v));
  let values = params.map((p) => p.initial);
  let notIdentifiable = new Set<string>();
  let iterations = 0;
  let best = { values, sse: Infinity };
  for (; iterations < (input.maxIterations ?? 6); iterations++) {
    const r0 = residuals(observed, input.model(values));
    const sse = r0.reduce((s, v) => s + v * v, 0);
    if (sse < best.sse) best = { values, sse };
    const xs = params.map((p, j) => p.toX(values[j]!));
    const columns = params.map((p, j) => {
      const h = Math.abs(xs[j]!) * 0.1 || 1e-3;
      const trial = values.map((v, k) => (k === j ? p.fromX(xs[j]! + h) : v));
      const r1 = residuals(observed, input.model(trial));
      return r1.map((v, i) => (v - r0[i]!) / h);
    });
    const n = params.length;
    const jtj = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => columns[a]!.reduce((s, v, i) => s + v * columns[b]![i]!, 0)));
    const jtr = columns.map((col) => -col.reduce((s, v, i) => s + v * r0[i]!, 0));
    const { d, singular } = solveLinear(jtj, jtr);
    notIdentifiable = new Set(singular.map((j) => params[j]!.key));
    const next = params.map((p, j) => clampValue(p, p.fromX(xs[j]! + d[j]!)));
    const moved = next.some((v, j) => Math.abs(v - values[j]!) > 1e-6 * Math.max(1e-3, Math.abs(values[j]!)));
    values = next;
    if (!moved) break;
  }
  // A non-linear model can overshoot: keep the best iterate seen (the initial values included).
  const last = residuals(observed, input.model(values)).reduce((s, v) => s + v * v, 0);
  if (!(last <= best.sse)) values = best.values;
  return {
    values,
    iterations,
    notIdentifiable: [...notIdentifiable],
    atBound: params.filter((p, j) => values[j] === p.min || values[j] === p.max).map((p) => p.key),
  };
}
