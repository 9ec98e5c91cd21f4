import { useEffect, useMemo, useRef, useState } from 'react';

import { EventImpact, ScoreOptions, Severity, Verdict } from '../../engine';
import { PanelSeries } from '../../frames/extractSeries';
import { toEngineEvent } from '../../frames/toEngineEvent';
import { PanelEvent } from '../../frames/types';
import { ScoredEvent } from '../types';
import { createScoreBackend, ScoreBackend } from './createScoreBackend';

/** The stand-in shown until an event's score arrives: no verdict, grey, ranked last. */
export function pendingImpact(event: PanelEvent): EventImpact {
  return {
    time: event.time,
    id: event.id,
    score: 0,
    severity: Severity.None,
    verdict: Verdict.InsufficientData,
    reasons: ['being scored'],
    spike: null,
    series: [],
    moved: [],
    fixedBy: null,
    timeToRestoreMs: null,
    attribution: null,
    decisionTaken: null,
    event: toEngineEvent(event),
  };
}

/** Stand-ins by event, made once however often the list re-renders while scores arrive. */
const standIns = new WeakMap<PanelEvent, EventImpact>();

export interface ImpactScores {
  scored: ScoredEvent[];
  /** Events still waiting for their score. */
  pending: number;
  /** Where the last results were computed; null before the first. */
  where: 'worker' | 'main thread' | null;
}

/** One scoring's inputs: a result is shown only with the inputs it was computed from. */
interface ScoreInputs {
  series: PanelSeries[];
  events: PanelEvent[];
  options: ScoreOptions;
}

/**
 * Scores the events against the series off the main thread where it can (see
 * createScoreBackend). Every event is returned at once: scored ones with their result, the
 * others with a pending stand-in. A result belongs to the inputs it was scored on: when the
 * series, events or options change (a refresh, a new range), every event is pending again
 * until the scoring of the new inputs returns its result (at once for those whose inputs did
 * not change, see `reuseKeys`), so no verdict of the previous data is shown against the new.
 * Results are applied at most once per animation frame.
 *
 * @example
 * const { scored, pending } = useImpactScores(series, events, toEngineOptions(options));
 */
export function useImpactScores(series: PanelSeries[], events: PanelEvent[], options: ScoreOptions): ImpactScores {
  const backend = useRef<ScoreBackend | null>(null);
  // Results by event id with the inputs they were scored on, written by the batches; a new wrapper object marks each update.
  const [store, setStore] = useState(() => ({ results: new Map<string, { impact: EventImpact; inputs: ScoreInputs }>() }));
  const inputs = useMemo<ScoreInputs>(() => ({ series, events, options }), [series, events, options]);
  const results = store.results;
  const [where, setWhere] = useState<ImpactScores['where']>(null);

  useEffect(() => {
    const created = createScoreBackend();
    backend.current = created;
    return () => {
      created.dispose();
      backend.current = null;
    };
  }, []);

  useEffect(() => {
    const scorer = backend.current;
    if (!scorer) {
      return;
    }
    const { series, events, options } = inputs;
    const engineEvents = events.map(toEngineEvent);
    // The engine's inputs only; the requests and the version decide how a series is judged.
    const request = {
      series: series.map(({ id, name, service, version, times, values, total }) => ({ id, name, service, version, times, values, total })),
      events: engineEvents,
      options,
    };
    let frame: number | null = null;
    const flush = () => {
      frame = null;
      setStore({ results });
      setWhere(scorer.where());
    };
    scorer.score(request, (batch) => {
      for (const { index, impact } of batch.results) {
        // Each batch's results are fresh objects (a structured clone, or the scorer's copy).
        impact.event = engineEvents[index];
        results.set(events[index].id, { impact, inputs });
      }
      if (batch.done) {
        // Keep only this range's events.
        const ids = new Set(events.map((e) => e.id));
        results.forEach((_, id) => !ids.has(id) && results.delete(id));
      }
      if (frame === null) {
        frame = requestAnimationFrame(flush);
      }
    });
    return () => {
      if (frame !== null) {
        cancelAnimationFrame(frame);
      }
    };
  }, [inputs, results]);

  return useMemo(() => {
    let pending = 0;
    const scored = events.map((event): ScoredEvent => {
      const result = store.results.get(event.id);
      if (result && result.inputs === inputs) {
        return { event, impact: result.impact };
      }
      pending++;
      let stand = standIns.get(event);
      if (!stand) {
        stand = pendingImpact(event);
        standIns.set(event, stand);
      }
      return { event, impact: stand, pending: true };
    });
    return { scored, pending, where };
  }, [events, inputs, store, where]);
}
