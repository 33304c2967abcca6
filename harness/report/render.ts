// Renders a vega-lite spec to SVG (vega's SVG string renderer: no canvas, no native build) and an SVG
// to PNG (resvg) with an explicit font file. resvg loads no system fonts here: with none loaded it
// draws every text element as nothing, silently, so a missing font file is a coded error instead.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { OctobenchError } from '../core/errors.js';
import { CHART_FONT } from './charts/common.js';

export const DEFAULT_FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export interface PngOptions {
  /** A TTF with the chart font (DejaVu Sans); default the Debian fonts-dejavu-core path. */
  fontFile?: string;
  /** Pixel density; 2 gives sharp text on high-DPI screens. */
  zoom?: number;
}

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  const fontFile = options.fontFile ?? DEFAULT_FONT_FILE;
  if (!existsSync(fontFile)) {
    throw new OctobenchError('OCTOBENCH_ERR_REPORT_FONT_MISSING', `chart font ${fontFile} is missing (install fonts-dejavu-core: npm run setup:system); PNGs would have no text`);
  }
  return new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: options.zoom ?? 2 },
    font: { loadSystemFonts: false, fontFiles: [fontFile], defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
  }).render().asPng();
}

/** The number of <text> elements with visible content in an SVG (a chart without any lost its labels). */
export function svgTextCount(svg: string): number {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].filter((m) => (m[1] ?? '').trim() !== '').length;
}
