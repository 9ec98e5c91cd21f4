import React, { useLayoutEffect, useRef, useState } from 'react';
import { useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../../testIds';
import { getStyles } from './ImpactGraph.styles';

interface Props {
  /** Series names and colours, in plot order. */
  names: string[];
  colors: string[];
  /** The legend's width and height, px: a new width moves the cut. */
  width: number;
  height: number;
  /** Where the cursor readout is written (as text, by the plot's hooks). */
  readout: React.RefObject<HTMLSpanElement>;
}

/** How many of the legend's items end past its clipped box: the ones a narrow panel does not show whole. O(n). */
function countClipped(box: HTMLElement): number {
  const right = box.getBoundingClientRect().right;
  // Half a pixel of slack for sub-pixel layout.
  return Array.from(box.children).filter((item) => item.getBoundingClientRect().right > right + 0.5).length;
}

/**
 * The series names with their colours on one line, and the cursor readout. A line too narrow for
 * every name shows those that fit and says how many it left out ("+47 more series"), every name
 * in that note's title and accessible name, instead of cutting them silently.
 */
export function Legend({ names, colors, width, height, readout }: Props) {
  const styles = useStyles2(getStyles);
  const items = useRef<HTMLSpanElement>(null);
  const [clipped, setClipped] = useState(0);
  useLayoutEffect(() => {
    // Once more after the note appears or goes: it takes room from the names.
    const box = items.current;
    const next = box ? countClipped(box) : 0;
    if (next !== clipped) {
      setClipped(next);
    }
  }, [names, colors, width, clipped]);
  const left = names.slice(names.length - clipped);
  return (
    <div className={styles.legend} style={{ height }}>
      <span ref={items} className={styles.legendItems}>
        {names.map((name, i) => (
          <span key={`${i}:${name}`} className={styles.legendItem}>
            <span className={styles.swatch} style={{ background: colors[i] }} />
            {name}
          </span>
        ))}
      </span>
      {clipped > 0 && (
        <span
          className={styles.legendMore}
          data-testid={TEST_IDS.legendMore}
          title={left.join('\n')}
          aria-label={`${clipped} more series: ${left.join(', ')}`}
        >
          +{clipped} more series
        </span>
      )}
      <span ref={readout} className={styles.readout} data-testid={TEST_IDS.readout} />
    </div>
  );
}
