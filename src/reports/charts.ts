/**
 * Geometry of the SVG figures, computed in TypeScript so that the templates only place shapes
 * (every label and number still goes through the template's escaping).
 */

export interface BarChartDatum {
  readonly label: string;
  /** Null: the figure is not known — no bar is drawn (never a bar of 0), the value text says so. */
  readonly value: number | null;
  /** The text after the bar (default: the value; '―' for null), e.g. '51.1%'. */
  readonly valueLabel?: string;
  /** CSS colour (hex); defaults to the chart's colour. */
  readonly color?: string;
}

export interface BarChartView {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly labelX: number;
  readonly axis: { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number };
  readonly gridLines: readonly { readonly x: number; readonly y1: number; readonly y2: number; readonly label: string; readonly labelY: number }[];
  readonly bars: readonly {
    readonly label: string;
    readonly value: string;
    /** False for an unknown value: only the label and the value text are drawn. */
    readonly hasBar: boolean;
    readonly x: number;
    readonly y: number;
    readonly w: number;
    readonly h: number;
    readonly color: string;
    readonly textY: number;
    readonly valueX: number;
  }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A "nice" upper bound for a count axis and its whole-number tick step: 7 → (8, 2), 23 → (25, 5), 130 → (150, 50). */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  // Counts: whole-number steps of 1, 2 or 5 × 10^n.
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const niceStep = Math.max(1, Math.round(step));
  return { max: Math.ceil(max / niceStep) * niceStep, step: niceStep };
}

/**
 * A horizontal bar chart: one row per datum, the label left of the axis, the value after the
 * bar. Sized in CSS pixels of an A4 text column (about 640 wide). The axis runs from 0 to a
 * "nice" count, or to `scale.max` in steps of `scale.step` with `scale.unit` after each tick
 * (a percentage axis: { max: 100, step: 20, unit: '%' }).
 */
export function horizontalBarChart(
  title: string,
  data: readonly BarChartDatum[],
  options: {
    readonly width?: number;
    readonly labelWidth?: number;
    readonly rowHeight?: number;
    readonly color?: string;
    readonly scale?: { readonly max: number; readonly step: number; readonly unit?: string };
  } = {},
): BarChartView {
  const width = options.width ?? 640;
  const labelWidth = options.labelWidth ?? 220;
  const rowHeight = options.rowHeight ?? 26;
  const color = options.color ?? '#4a6d8c';
  const top = 8;
  const bottom = 22;
  const plotLeft = labelWidth + 8;
  const plotWidth = width - plotLeft - 48;
  const height = top + rowHeight * Math.max(1, data.length) + bottom;
  const { max, step } = options.scale ?? niceScale(Math.max(0, ...data.map((d) => d.value ?? 0)));
  const unit = options.scale?.unit ?? '';
  const scale = (v: number) => (Math.min(v, max) / max) * plotWidth;
  const gridLines = [];
  for (let v = 0; v <= max + 1e-9; v += step) {
    gridLines.push({ x: round(plotLeft + scale(v)), y1: top, y2: height - bottom, label: `${Math.round(v * 100) / 100}${unit}`, labelY: height - 6 });
  }
  return {
    width,
    height,
    title,
    labelX: labelWidth,
    axis: { x1: plotLeft, y1: top, x2: plotLeft, y2: height - bottom },
    gridLines,
    bars: data.map((d, i) => {
      const y = top + i * rowHeight + rowHeight * 0.18;
      const h = rowHeight * 0.64;
      const w = d.value === null ? 0 : round(scale(d.value));
      return {
        label: d.label,
        value: d.valueLabel ?? (d.value === null ? '―' : String(d.value)),
        hasBar: d.value !== null,
        x: plotLeft,
        y: round(y),
        w,
        h: round(h),
        color: d.color ?? color,
        textY: round(y + h / 2 + 4),
        valueX: round(plotLeft + w + 6),
      };
    }),
  };
}

/** A light-to-dark fill for a share between 0 and 1 (white → slate blue); null share → grey. */
export function shareFill(share: number | null): string {
  if (share === null) return '#eeeeee';
  const s = Math.max(0, Math.min(1, share));
  // from #fbeaea (none conforming, reddish) to #e3efe3 (all conforming, greenish)
  const from = [0xf6, 0xd5, 0xd5];
  const to = [0xd9, 0xec, 0xd9];
  const mix = from.map((f, i) => Math.round(f + (to[i]! - f) * s));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Fill for a count cell of a heat map (0 → white, max → deep red). */
export function countFill(count: number, max: number): string {
  if (count === 0 || max === 0) return '#ffffff';
  const s = count / max;
  const from = [0xfb, 0xee, 0xe6];
  const to = [0xe0, 0x8c, 0x74];
  const mix = from.map((f, i) => Math.round(f + (to[i]! - f) * s));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
