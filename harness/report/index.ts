// The report layer's public surface: charts (pure result → vega-lite specs), rendering, findings, the
// report writer and the two-run comparison. harness/index.ts and the CLI import from here.
export { chartsFor, buildChart, defaultDeclarations, missingCharts } from './charts/index.js';
export { CHART_KINDS, type Chart, type ChartDeclaration, type ChartKind } from './charts/common.js';
export { specToSvg, svgToPng, svgTextCount, DEFAULT_FONT_FILE } from './render.js';
export { findings } from './findings.js';
export { pointsCsv } from './csv.js';
export { writeReport, writeReportIndex, type ReportOptions, type WrittenReport } from './write-report.js';
export { landingHtml, landingMarkdown, type ReportEntry } from './landing.js';
export { readResults, parseResults, resultsProblems } from './read-results.js';
export { mergeRuns, compareDeclarations, compareFindings } from './compare.js';
export { REPORT_CSP } from './html.js';
