// Rendering: vega's SVG has the chart's words as <text>; the PNG carries them (it differs from the
// same SVG rendered with no font loaded, resvg's silent no-text failure); a missing font is an error.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { chartsFor } from '../../../harness/report/charts/index.js';
import { specToSvg, svgTextCount, svgToPng } from '../../../harness/report/render.js';
import { fixture } from './helpers.js';

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('render', () => {
  const chart = chartsFor(fixture('sim-sweep'))[0]!;

  it('SVG: the title, axis titles and tick labels are text', async () => {
    const svg = await specToSvg(chart.spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>total deployment duration by acquire parallelism</text>');
    expect(svg).toContain('>acquire parallelism</text>');
    expect(svg).toContain('>total deployment duration (s)</text>');
    expect(svgTextCount(svg)).toBeGreaterThanOrEqual(20);
  });

  it('PNG: twice the SVG size, with text (differs from a render without fonts)', async () => {
    const svg = await specToSvg(chart.spec);
    const png = svgToPng(svg);
    const width = Number(svg.match(/width="(\d+)"/)?.[1]);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pngSize(png).width).toBe(width * 2);
    const noFont = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: false } }).render().asPng();
    const textless = new Resvg(svg.replace(/<text\b[^>]*>[^<]*<\/text>/g, ''), { background: 'white', fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: false } }).render().asPng();
    expect(noFont.equals(textless)).toBe(true); // the failure mode: no font ⇒ exactly as if there were no text
    expect(png.equals(noFont)).toBe(false);
    expect(png.length).toBeGreaterThan(noFont.length * 1.2); // glyphs add detail
  });

  it('a missing font file is a coded error, not a PNG without text', async () => {
    const svg = await specToSvg(chart.spec);
    expect(() => svgToPng(svg, { fontFile: '/nonexistent/DejaVuSans.ttf' })).toThrow(expect.objectContaining({ code: 'OCTOBENCH_ERR_REPORT_FONT_MISSING' }));
  });
});
