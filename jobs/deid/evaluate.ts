// Scoring of predicted spans against an annotated corpus, by the rules of the evaluation
// sets: a gold span is caught when at least 90% of its characters are covered by
// predicted spans of any label; a predicted span is correct when at least half of it lies
// inside gold PHI; character precision and recall count PHI versus non-PHI characters.
// Gold labels in `ignore` (a year alone) count neither as misses nor as false alarms.

export interface GoldSpan {
  start: number;
  end: number;
  label: string;
  text?: string;
}

export interface GoldRecord {
  id: string;
  text: string;
  spans: GoldSpan[];
}

export interface PredictedSpan {
  start: number;
  end: number;
  label: string;
}

export interface MissedSpan {
  id: string;
  label: string;
  text: string;
  start: number;
  coverage: number;
}

export interface LabelRecall {
  gold: number;
  caught: number;
  recall: number;
}

export interface Score {
  documents: number;
  charPrecision: number;
  charRecall: number;
  spanRecall: number;
  spanPrecision: number;
  goldSpans: number;
  predictedSpans: number;
  perLabel: Record<string, LabelRecall>;
  perPredictedLabel: Record<string, { predicted: number; correct: number }>;
  missed: MissedSpan[];
}

export const CAUGHT_COVERAGE = 0.9;
export const CORRECT_INSIDE = 0.5;

/** Scores predictions (keyed by record id) against gold records. */
export function scoreCorpus(
  gold: GoldRecord[],
  predictions: Map<string, PredictedSpan[]>,
  ignore: ReadonlySet<string> = new Set(),
): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perLabel: Record<string, LabelRecall> = {};
  const perPredicted: Record<string, { predicted: number; correct: number }> = {};
  const missed: MissedSpan[] = [];
  for (const record of gold) {
    const n = record.text.length;
    const goldMask = new Uint8Array(n);
    const ignoredMask = new Uint8Array(n);
    for (const span of record.spans) {
      goldMask.fill(1, span.start, span.end);
      if (ignore.has(span.label)) ignoredMask.fill(1, span.start, span.end);
    }
    const predicted = (predictions.get(record.id) ?? []).filter((s) => s.end > s.start);
    const predMask = new Uint8Array(n);
    for (const span of predicted) predMask.fill(1, Math.max(0, span.start), Math.min(n, span.end));

    // Character counts.
    for (let i = 0; i < n; i += 1) {
      if (goldMask[i] && predMask[i]) tp += 1;
      else if (goldMask[i] && !ignoredMask[i]) fn += 1;
      else if (predMask[i]) fp += 1;
    }

    // Gold spans: caught or missed.
    for (const span of record.spans) {
      if (ignore.has(span.label)) continue;
      const entry = perLabel[span.label] ?? { gold: 0, caught: 0, recall: 0 };
      perLabel[span.label] = entry;
      entry.gold += 1;
      const covered = count(predMask, span.start, span.end);
      const length = span.end - span.start;
      if (covered >= CAUGHT_COVERAGE * length) {
        entry.caught += 1;
      } else {
        missed.push({
          id: record.id,
          label: span.label,
          text: record.text.slice(span.start, span.end),
          start: span.start,
          coverage: Math.round((covered / length) * 100) / 100,
        });
      }
    }

    // Predicted spans: correct when mostly inside gold PHI.
    for (const span of predicted) {
      const entry = perPredicted[span.label] ?? { predicted: 0, correct: 0 };
      perPredicted[span.label] = entry;
      entry.predicted += 1;
      if (count(goldMask, span.start, span.end) >= CORRECT_INSIDE * (span.end - span.start)) {
        entry.correct += 1;
      }
    }
  }
  for (const entry of Object.values(perLabel)) entry.recall = ratio(entry.caught, entry.gold);
  const goldSpans = sum(Object.values(perLabel).map((e) => e.gold));
  const caught = sum(Object.values(perLabel).map((e) => e.caught));
  const predictedSpans = sum(Object.values(perPredicted).map((e) => e.predicted));
  const correct = sum(Object.values(perPredicted).map((e) => e.correct));
  return {
    documents: gold.length,
    charPrecision: ratio(tp, tp + fp),
    charRecall: ratio(tp, tp + fn),
    spanRecall: ratio(caught, goldSpans),
    spanPrecision: ratio(correct, predictedSpans),
    goldSpans,
    predictedSpans,
    perLabel,
    perPredictedLabel: perPredicted,
    missed,
  };
}

function count(mask: Uint8Array, start: number, end: number): number {
  let total = 0;
  for (let i = Math.max(0, start); i < Math.min(mask.length, end); i += 1) total += mask[i]!;
  return total;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : Math.round((numerator / denominator) * 10000) / 10000;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
