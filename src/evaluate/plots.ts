/**
 * ROC and calibration plots as standalone SVG strings: no dependency, readable when opened on its own or
 * inlined in the HTML report. Both plots share one frame: the unit square, ticks every 0.2, the diagonal.
 */
import { calibrationError, type CalibrationBin, type RocPoint } from './metrics.js';

export interface RocSeries {
  name: string;
  points: readonly Pick<RocPoint, 'fpr' | 'tpr'>[];
}

export interface CalibrationSeries {
  name: string;
  bins: readonly Pick<CalibrationBin, 'meanPredicted' | 'fractionPositive' | 'count'>[];
}

export interface PlotOptions {
  title?: string;
  /** Pixels; the plot area is the largest square that fits. Default 480 × 480. */
  width?: number;
  height?: number;
}

/** ROC curves, with each curve's area (trapezoidal, over the points drawn) in the legend. */
export function rocSvg(curves: readonly RocSeries[], opts: PlotOptions = {}): string {
  return plot(
    {
      title: opts.title ?? 'ROC curve',
      xLabel: 'False positive rate',
      yLabel: 'True positive rate',
      legendAt: 'bottom-right',
      options: opts,
    },
    curves.map((c) => {
      const xy = c.points.map((p): Point => [p.fpr, p.tpr]);
      return { name: c.name, stat: `AUC ${trapezoidArea(xy).toFixed(3)}`, xy, markers: false };
    }),
  );
}

/** Reliability diagrams, with each series' expected calibration error in the legend. */
export function calibrationSvg(series: readonly CalibrationSeries[], opts: PlotOptions = {}): string {
  return plot(
    {
      title: opts.title ?? 'Calibration',
      xLabel: 'Mean predicted probability (unreliable)',
      yLabel: 'Fraction unreliable',
      legendAt: 'top-left',
      options: opts,
    },
    series.map((s) => {
      const xy = s.bins.map((b): Point => [b.meanPredicted, b.fractionPositive]);
      return { name: s.name, stat: `ECE ${calibrationError(s.bins).toFixed(3)}`, xy, markers: true };
    }),
  );
}

type Point = readonly [x: number, y: number];

interface Frame {
  title: string;
  xLabel: string;
  yLabel: string;
  legendAt: 'top-left' | 'bottom-right';
  options: PlotOptions;
}

interface Series {
  name: string;
  /** Shown after the name in the legend. */
  stat: string;
  xy: readonly Point[];
  markers: boolean;
}

// Okabe–Ito: told apart with the common colour-vision deficiencies.
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
const MARGIN = { left: 56, right: 16, top: 36, bottom: 48 };
const LEGEND_LINE = 16;
const MIN_STEP = 0.5;

function plot(frame: Frame, series: readonly Series[]): string {
  for (const s of series) {
    if (s.xy.length === 0) throw new RangeError(`series "${s.name}" has no points to plot`);
    if (!s.xy.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))) {
      throw new RangeError(`series "${s.name}" has a point that is not a finite number`);
    }
  }
  const width = frame.options.width ?? 480;
  const height = frame.options.height ?? 480;
  const size = Math.min(width - MARGIN.left - MARGIN.right, height - MARGIN.top - MARGIN.bottom);
  if (!(size > 0)) throw new RangeError(`a ${width} × ${height} plot leaves no room for the axes`);
  const x0 = MARGIN.left;
  const y0 = MARGIN.top;
  const at = ([x, y]: Point): Point => [round(x0 + clamp01(x) * size), round(y0 + (1 - clamp01(y)) * size)];

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
      `role="img" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(frame.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${round(x0 + size / 2)}" y="${y0 - 14}" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(frame.title)}</text>`,
  ];

  out.push('<g class="axes" stroke="#ddd">');
  for (const t of TICKS) {
    const [x, y] = at([t, t]);
    out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + size}"/>`, `<line x1="${x0}" y1="${y}" x2="${x0 + size}" y2="${y}"/>`);
  }
  out.push(`<rect x="${x0}" y="${y0}" width="${size}" height="${size}" fill="none" stroke="#333"/>`, '</g>');

  out.push('<g class="ticks" fill="#333">');
  for (const t of TICKS) {
    const [x, y] = at([t, t]);
    out.push(
      `<text x="${x}" y="${y0 + size + 16}" text-anchor="middle">${t}</text>`,
      `<text x="${x0 - 6}" y="${y + 4}" text-anchor="end">${t}</text>`,
    );
  }
  const middle = round(y0 + size / 2);
  out.push(
    `<text x="${round(x0 + size / 2)}" y="${y0 + size + 36}" text-anchor="middle">${escapeXml(frame.xLabel)}</text>`,
    `<text x="${x0 - 40}" y="${middle}" text-anchor="middle" transform="rotate(-90 ${x0 - 40} ${middle})">${escapeXml(frame.yLabel)}</text>`,
    '</g>',
  );

  const [dx0, dy0] = at([0, 0]);
  const [dx1, dy1] = at([1, 1]);
  out.push(`<line class="diagonal" x1="${dx0}" y1="${dy0}" x2="${dx1}" y2="${dy1}" stroke="#999" stroke-dasharray="4 4"/>`);

  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const screen = s.xy.map(at);
    out.push(`<path class="series" d="${pathData(thin(screen))}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    if (s.markers) {
      out.push(`<g fill="${colour}">`, ...screen.map(([x, y]) => `<circle cx="${x}" cy="${y}" r="3"/>`), '</g>');
    }
  });

  out.push(legend(series, frame.legendAt, x0, y0, size), '</svg>');
  return out.join('\n');
}

function legend(series: readonly Series[], corner: Frame['legendAt'], x0: number, y0: number, size: number): string {
  const labels = series.map((s) => `${s.name} (${s.stat})`);
  // No text metrics without a renderer: 7 px per character is ample for 12 px sans-serif.
  const width = round(Math.min(size - 16, 34 + 7 * Math.max(0, ...labels.map((l) => l.length))));
  const height = series.length * LEGEND_LINE + 8;
  const left = corner === 'top-left' ? x0 + 8 : x0 + size - 8 - width;
  const top = corner === 'top-left' ? y0 + 8 : y0 + size - 8 - height;
  const out = [
    `<g class="legend" transform="translate(${left} ${top})">`,
    `<rect width="${width}" height="${height}" fill="#fff" fill-opacity="0.85" stroke="#ccc"/>`,
  ];
  labels.forEach((label, i) => {
    const y = 4 + i * LEGEND_LINE + LEGEND_LINE / 2;
    out.push(
      `<line x1="6" y1="${y}" x2="22" y2="${y}" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2"/>`,
      `<text x="28" y="${y + 4}">${escapeXml(label)}</text>`,
    );
  });
  out.push('</g>');
  return out.join('\n');
}

function pathData(points: readonly Point[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
}

/**
 * The path through the points, skipping any closer than half a pixel (on both axes) to the last one kept:
 * invisible detail, which would make a ROC curve over a million rows a path of a million vertices.
 */
function thin(points: readonly Point[]): Point[] {
  const kept: Point[] = [];
  for (const [i, p] of points.entries()) {
    const last = kept[kept.length - 1];
    const isEnd = i === points.length - 1;
    if (last === undefined || Math.abs(p[0] - last[0]) >= MIN_STEP || Math.abs(p[1] - last[1]) >= MIN_STEP) kept.push(p);
    else if (isEnd && kept.length > 1) kept[kept.length - 1] = p;
    else if (isEnd) kept.push(p);
  }
  return kept;
}

function trapezoidArea(points: readonly Point[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const [xa, ya] = points[i - 1]!;
    const [xb, yb] = points[i]!;
    area += ((xb - xa) * (ya + yb)) / 2;
  }
  return area;
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Text safe in XML content and attributes; control characters XML 1.0 forbids are dropped. */
function escapeXml(s: string): string {
  return s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
