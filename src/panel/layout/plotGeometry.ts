/** Plot area in CSS px inside the graph box, and the visible time span (epoch ms). */
export interface PlotGeometry {
  left: number;
  top: number;
  width: number;
  height: number;
  min: number;
  max: number;
}

/** A box in canvas pixels, as uPlot's `bbox`. */
export interface CanvasBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The plot area in CSS px from uPlot's box in canvas px and its pixel ratio, with the time
 * span on the x scale. A ratio that is not a positive number counts as 1.
 *
 * @example
 * plotGeometry({ left: 100, top: 20, width: 1600, height: 600 }, 2, 0, 3_600_000)
 * // { left: 50, top: 10, width: 800, height: 300, min: 0, max: 3600000 }
 */
export function plotGeometry(box: CanvasBox, pxRatio: number, min: number, max: number): PlotGeometry {
  const ratio = Number.isFinite(pxRatio) && pxRatio > 0 ? pxRatio : 1;
  return { left: box.left / ratio, top: box.top / ratio, width: box.width / ratio, height: box.height / ratio, min, max };
}

/** True when both describe the same plot area and span: the overlay need not re-render. */
export function sameGeometry(a: PlotGeometry | null, b: PlotGeometry): boolean {
  return a !== null && a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height && a.min === b.min && a.max === b.max;
}

/**
 * The x of time `t` in CSS px within the graph box: the time axis is linear, as uPlot's
 * `valToPos` on it. A span of zero or less counts as 1 ms, so the result stays finite. O(1).
 *
 * @example
 * toX({ left: 50, top: 0, width: 800, height: 300, min: 0, max: 1000 }, 500) // 450
 */
export function toX(geometry: PlotGeometry, t: number): number {
  return geometry.left + ((t - geometry.min) / Math.max(1, geometry.max - geometry.min)) * geometry.width;
}
