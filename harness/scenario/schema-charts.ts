// Scenario key `charts`: the charts a scenario's report draws (harness/report/charts/ declarations);
// without it the report picks defaults from the result. Metrics are references (`name` or `name:p95`);
// `x`, `series` and `groupBy` are parameter paths (matrix keys, or `operation` / `api` for api-flows).
import { Type } from '@sinclair/typebox';
import { CHART_KINDS } from '../report/charts/common.js';

const Path = Type.String({ minLength: 1 });

export const ChartDeclarationSchema = Type.Object(
  {
    kind: Type.Union(CHART_KINDS.map((k) => Type.Literal(k)), { description: 'sweep: a metric over x, a line per series; api-compare: legacy vs executions bars with the ratio; ecdf / spectrum: distributions; timeseries: a series over time' }),
    metric: Type.String({ minLength: 1, description: 'metric reference: `run.makespan`, `deployment.duration:p95`; for timeseries a series name' }),
    x: Type.Optional(Type.String({ minLength: 1, description: 'sweep / api-compare: the parameter on the x axis' })),
    series: Type.Optional(Type.Union([Path, Type.Array(Path, { minItems: 1 })], { description: 'the parameter(s) that split lines or bars' })),
    groupBy: Type.Optional(Type.Array(Path, { minItems: 1, description: 'api-compare: parameters that split the chart into panels' })),
    baseline: Type.Optional(Type.String({ minLength: 1, description: 'api-compare: the series value the others are compared with' })),
    title: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export const ChartsSection = Type.Array(ChartDeclarationSchema, {
  minItems: 1, description: 'the charts the report draws; absent = defaults chosen from the result',
});
