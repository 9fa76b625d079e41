import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { calibrationBins, expectedCalibrationError, rocAuc, rocCurve } from '../../src/evaluate/metrics.js';
import { calibrationSvg, rocSvg } from '../../src/evaluate/plots.js';
import { Random } from '../../src/learn/random.js';

/**
 * Problems that make the text not well-formed XML (linkedom's parser repairs bad markup, so it cannot tell):
 * unbalanced or mismatched tags, unquoted attributes, stray `<` or `&`, content outside one root element.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const entity = /&(?:#\d+|#x[\da-fA-F]+|amp|lt|gt|quot|apos);/g;
  const checkText = (text: string, where: string): void => {
    if (text.replace(entity, '').includes('&')) problems.push(`bare & in ${where}`);
  };
  const tag = /^<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>$/;
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  for (const m of xml.matchAll(/<[^>]*>/g)) {
    const text = xml.slice(last, m.index);
    if (text.includes('<') || text.includes('>')) problems.push(`stray angle bracket near ${m.index}`);
    if (stack.length === 0 && text.trim() !== '') problems.push('text outside the root element');
    checkText(text, 'text');
    last = m.index + m[0].length;
    const parts = tag.exec(m[0]);
    if (!parts) {
      problems.push(`malformed tag ${m[0]}`);
      continue;
    }
    const [, closing, name, attributes, selfClosing] = parts;
    checkText(attributes!, `attributes of <${name}>`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name!);
    }
  }
  if (xml.slice(last).trim() !== '') problems.push('text after the root element');
  if (stack.length > 0) problems.push(`unclosed ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

function parse(svg: string) {
  return new DOMParser().parseFromString(svg, 'image/svg+xml');
}
type Parsed = ReturnType<typeof parse>;

/** Every x and y the drawing uses: path vertices, circle centres, line ends, text anchors. */
function drawnCoordinates(doc: Parsed): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (const path of doc.querySelectorAll('path')) {
    const d: string = path.getAttribute('d') ?? '';
    const numbers = d.match(/-?\d+(?:\.\d+)?/g)!.map(Number);
    numbers.forEach((v, i) => (i % 2 === 0 ? x : y).push(v));
  }
  for (const c of doc.querySelectorAll('circle')) {
    x.push(Number(c.getAttribute('cx')));
    y.push(Number(c.getAttribute('cy')));
  }
  for (const l of doc.querySelectorAll('svg > line, g.axes line')) {
    x.push(Number(l.getAttribute('x1')), Number(l.getAttribute('x2')));
    y.push(Number(l.getAttribute('y1')), Number(l.getAttribute('y2')));
  }
  return { x, y };
}

function expectInsideViewBox(svg: string): void {
  const doc = parse(svg);
  const [minX, minY, width, height] = doc.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
  const { x, y } = drawnCoordinates(doc);
  expect(x.length).toBeGreaterThan(0);
  for (const v of x) expect(v >= minX! && v <= minX! + width!, `x ${v}`).toBe(true);
  for (const v of y) expect(v >= minY! && v <= minY! + height!, `y ${v}`).toBe(true);
}

function scores(seed: number, n: number, signal: number): { y: Uint8Array; p: Float64Array } {
  const rng = new Random(seed);
  const y = Uint8Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
  const p = Float64Array.from(y, (label) => Math.min(1, Math.max(0, (1 - signal) * rng.next() + signal * label)));
  return { y, p };
}

const strong = scores(1, 500, 0.5);
const weak = scores(2, 500, 0.15);

describe('rocSvg', () => {
  const svg = rocSvg([
    { name: 'in-domain', points: rocCurve(strong.y, strong.p)! },
    { name: 'cross-dataset', points: rocCurve(weak.y, weak.p)! },
  ]);
  const doc = parse(svg);

  it('is well-formed XML with an svg root', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(doc.documentElement.tagName.toLowerCase()).toBe('svg');
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
  });

  it('draws one path per curve, a diagonal, a title and labelled axes', () => {
    expect(doc.querySelectorAll('path')).toHaveLength(2);
    expect(doc.querySelectorAll('line.diagonal')).toHaveLength(1);
    expect(doc.querySelector('title')?.textContent).toBe('ROC curve');
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['False positive rate', 'True positive rate', '0', '0.2', '1']));
  });

  it("puts each curve's name and AUC in the legend", () => {
    const legend = [...doc.querySelectorAll('g.legend text')].map((t) => t.textContent);
    expect(legend).toEqual([
      `in-domain (AUC ${rocAuc(strong.y, strong.p)!.toFixed(3)})`,
      `cross-dataset (AUC ${rocAuc(weak.y, weak.p)!.toFixed(3)})`,
    ]);
  });

  it('keeps every coordinate inside the viewBox', () => {
    expectInsideViewBox(svg);
    expectInsideViewBox(rocSvg([{ name: 'small', points: rocCurve(strong.y, strong.p)! }], { width: 300, height: 200 }));
  });

  it('escapes names and titles', () => {
    const name = 'A&B <"test"> \'q\'';
    const escaped = rocSvg([{ name, points: rocCurve(strong.y, strong.p)! }], { title: 'x < y & z' });
    expect(xmlProblems(escaped)).toEqual([]);
    const d = parse(escaped);
    expect(d.querySelector('g.legend text')?.textContent?.startsWith(name)).toBe(true);
    expect(d.querySelector('title')?.textContent).toBe('x < y & z');
  });

  it('draws a long curve with at most one vertex per half pixel of its length, ending at (1, 1)', () => {
    const big = scores(3, 20_000, 0.3);
    const points = rocCurve(big.y, big.p)!;
    const doc = parse(rocSvg([{ name: 'big', points }]));
    const d: string = doc.querySelector('path')!.getAttribute('d') ?? '';
    const vertices = d.split(/[ML]/).filter((v) => v.trim() !== '');
    // The curve is monotone: its length in x plus y is at most twice the plot side (408 px at 480 × 480).
    expect(vertices.length).toBeLessThanOrEqual((2 * 408) / 0.5 + 2);
    expect(vertices.length).toBeLessThan(points.length / 2);
    const frame = doc.querySelector('g.axes rect')!;
    const right = Number(frame.getAttribute('x')) + Number(frame.getAttribute('width'));
    expect(vertices.at(-1)!.trim()).toBe(`${right} ${frame.getAttribute('y')}`);
  });

  it('refuses an empty curve and a size with no room for the plot', () => {
    expect(() => rocSvg([{ name: 'empty', points: [] }])).toThrow(RangeError);
    expect(() => rocSvg([{ name: 'x', points: [{ fpr: 0, tpr: 0 }] }], { width: 50 })).toThrow(RangeError);
  });
});

describe('calibrationSvg', () => {
  const series = [
    { name: 'platt', bins: calibrationBins(strong.y, strong.p) },
    { name: 'raw', bins: calibrationBins(weak.y, weak.p) },
  ];
  const svg = calibrationSvg(series, { title: 'Reliability diagram' });
  const doc = parse(svg);

  it('is well-formed XML with one path and one marker per bin for each series', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(doc.querySelectorAll('path')).toHaveLength(2);
    expect(doc.querySelectorAll('circle')).toHaveLength(series[0]!.bins.length + series[1]!.bins.length);
    expect(doc.querySelectorAll('line.diagonal')).toHaveLength(1);
    expect(doc.querySelector('title')?.textContent).toBe('Reliability diagram');
  });

  it("puts each series' ECE in the legend", () => {
    const legend = [...doc.querySelectorAll('g.legend text')].map((t) => t.textContent);
    expect(legend).toEqual([
      `platt (ECE ${expectedCalibrationError(strong.y, strong.p).toFixed(3)})`,
      `raw (ECE ${expectedCalibrationError(weak.y, weak.p).toFixed(3)})`,
    ]);
  });

  it('keeps every coordinate inside the viewBox', () => {
    expectInsideViewBox(svg);
  });

  it('refuses a point that is not a finite number', () => {
    const bad = [{ name: 'bad', bins: [{ meanPredicted: NaN, fractionPositive: 0.5, count: 3 }] }];
    expect(() => calibrationSvg(bad)).toThrow(RangeError);
  });
});
