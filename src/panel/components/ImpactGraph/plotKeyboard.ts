import type uPlot from 'uplot';

/** Where a click or Enter on the plot pinned the series tooltip: the time under the cursor and its page position. */
export interface PlotPin {
  time: number;
  clientX: number;
  clientY: number;
  /** Pinned with Enter: the tooltip takes focus, and gives it back to the plot when it closes. */
  byKeyboard?: boolean;
}

/** How many times further Shift+arrow moves the cursor. */
const SHIFT_STEPS = 10;

/** What the graph says to a keyboard or screen-reader user when it takes focus. */
export const PLOT_KEYBOARD_LABEL =
  'Graph of the series. Left and right arrows move the cursor to the next sample (ten times further with Shift), Home and End to either end; the values under the cursor are read out. Enter pins each series’ value and links at the cursor; Escape closes them.';

/**
 * Samples one arrow press moves: one, or as many as share a pixel when the series is denser
 * than the plot is wide (so every press moves the cursor visibly); ten times that with Shift.
 *
 * @example
 * cursorStep(100, 1000, false) // 1
 * cursorStep(100_000, 1000, true) // 1000
 */
export function cursorStep(count: number, widthPx: number, shift: boolean): number {
  const perPixel = widthPx > 0 ? Math.max(1, Math.ceil(count / widthPx)) : 1;
  return perPixel * (shift ? SHIFT_STEPS : 1);
}

/**
 * The sample the cursor moves to for `key`, `step` samples at a time, or null when the key does
 * not move it. From no cursor (the pointer is elsewhere), any move starts at the newest sample:
 * after a deploy, the latest data is what is asked about. O(1).
 *
 * @example
 * movedIndex(5, 'ArrowRight', 1, 100) // 6
 * movedIndex(5, 'ArrowLeft', 10, 100) // 0 (clamped)
 * movedIndex(null, 'ArrowLeft', 1, 100) // 99
 */
export function movedIndex(idx: number | null | undefined, key: string, step: number, count: number): number | null {
  if (count <= 0) {
    return null;
  }
  const last = count - 1;
  const from = idx === null || idx === undefined ? null : idx;
  switch (key) {
    case 'ArrowRight':
      return from === null ? last : Math.min(last, from + step);
    case 'ArrowLeft':
      return from === null ? last : Math.max(0, from - step);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/**
 * Makes the plot reachable and usable from the keyboard: focusable with a label saying how, the
 * arrows, Home and End moving uPlot's cursor sample by sample (so the readout and the cursor's
 * hooks follow as for the pointer), Enter pinning the series tooltip at the cursor. While the
 * plot has focus the readout is a polite live region, so a screen reader reads each move; with
 * the pointer alone it stays silent.
 */
export function attachPlotKeyboard(
  u: uPlot,
  readout: () => HTMLElement | null,
  onPin: (pin: PlotPin) => void
): void {
  const over = u.over;
  over.tabIndex = 0;
  over.setAttribute('role', 'group');
  over.setAttribute('aria-label', PLOT_KEYBOARD_LABEL);
  over.addEventListener('focus', () => readout()?.setAttribute('aria-live', 'polite'));
  over.addEventListener('blur', () => readout()?.removeAttribute('aria-live'));
  over.addEventListener('keydown', (e) => {
    const times = u.data[0];
    if (e.key === 'Enter') {
      const idx = u.cursor.idx;
      if (idx !== null && idx !== undefined && u.cursor.left !== undefined && u.cursor.left >= 0) {
        e.preventDefault();
        const box = over.getBoundingClientRect();
        onPin({
          time: times[idx],
          clientX: box.left + u.cursor.left,
          clientY: box.top + Math.max(0, u.cursor.top ?? 0),
        });
      }
      return;
    }
    const next = movedIndex(u.cursor.idx, e.key, cursorStep(times.length, over.clientWidth, e.shiftKey), times.length);
    if (next === null) {
      return;
    }
    e.preventDefault();
    const top = u.cursor.top !== undefined && u.cursor.top >= 0 ? u.cursor.top : over.clientHeight / 2;
    u.setCursor({ left: u.valToPos(times[next], 'x'), top });
  });
}
