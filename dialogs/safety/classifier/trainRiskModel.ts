import type { RiskTier } from '../riskLexicon.js';
import { FEATURE_BITS, featuresOf, type Features } from './riskFeatures.js';
import { HEAD_TIERS, HEADS, scoreRisk, type Head, type RiskModel } from './riskModel.js';

/** One labelled training message. */
export interface TrainingMessage {
  text: string;
  label: RiskTier | null;
}

export interface TrainingOptions {
  epochs: number;
  /** L2 penalty per update, scaled by the learning rate. */
  l2: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 12, l2: 1e-6, learningRate: 0.5, seed: 20261207 };

/** Deterministic pseudo-random numbers (mulberry32): the same corpus and seed give the same model. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Trains the three heads (flag or above, same-day or above, urgent) by logistic regression with
 * Adagrad, each class weighted so that yes and no count equally. Thresholds start at 0.5; see
 * chooseThresholds.
 */
export function trainRiskModel(messages: readonly TrainingMessage[], options: TrainingOptions = DEFAULT_TRAINING): RiskModel {
  const size = 1 << FEATURE_BITS;
  const examples = messages.map((m) => ({ features: featuresOf(m.text), label: m.label }));
  const heads = {} as RiskModel['heads'];
  for (const head of HEADS) {
    const yes = (label: RiskTier | null) => HEAD_TIERS[head].includes(label);
    const positives = examples.filter((e) => yes(e.label)).length;
    const negatives = examples.length - positives;
    const weightOf = (positive: boolean) => (positive ? examples.length / (2 * Math.max(1, positives)) : examples.length / (2 * Math.max(1, negatives)));
    const weights = new Float64Array(size);
    const squares = new Float64Array(size).fill(1e-8);
    let bias = 0;
    let biasSquares = 1e-8;
    const random = seededRandom(options.seed + HEADS.indexOf(head));
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (const { features, label } of shuffled(examples, random)) {
        const positive = yes(label);
        const z = bias + dotF64(weights, features);
        const gradient = (1 / (1 + Math.exp(-z)) - (positive ? 1 : 0)) * weightOf(positive);
        for (let i = 0; i < features.index.length; i++) {
          const at = features.index[i]!;
          const g = gradient * features.value[i]! + options.l2 * weights[at]!;
          squares[at] = squares[at]! + g * g;
          weights[at] = weights[at]! - (options.learningRate * g) / Math.sqrt(squares[at]!);
        }
        biasSquares += gradient * gradient;
        bias -= (options.learningRate * gradient) / Math.sqrt(biasSquares);
      }
    }
    heads[head] = { bias, weights: Float32Array.from(weights) };
  }
  return { featureBits: FEATURE_BITS, heads, thresholds: { flag: 0.5, sameDay: 0.5, urgent: 0.5 } };
}

function dotF64(weights: Float64Array, features: Features): number {
  let z = 0;
  for (let i = 0; i < features.index.length; i++) z += weights[features.index[i]!]! * features.value[i]!;
  return z;
}

/**
 * Held-out judgements: each message judged (`judge`) by a model trained on the other folds. The
 * folds are drawn from the training seed, so the same corpus gives the same folds.
 */
export function heldOut<T>(
  messages: readonly TrainingMessage[],
  folds: number,
  judge: (model: RiskModel, message: TrainingMessage) => T,
  options: TrainingOptions = DEFAULT_TRAINING,
): T[] {
  const order = shuffled(
    messages.map((_, i) => i),
    seededRandom(options.seed ^ 0x5eed),
  );
  const judged = new Array<T>(messages.length);
  for (let fold = 0; fold < folds; fold++) {
    const held = new Set(order.filter((_, i) => i % folds === fold));
    const model = trainRiskModel(
      messages.filter((_, i) => !held.has(i)),
      options,
    );
    for (const i of held) judged[i] = judge(model, messages[i]!);
  }
  return judged;
}

/** Held-out scores: each message scored by a model trained without its fold. */
export function crossValidatedScores(messages: readonly TrainingMessage[], folds: number, options: TrainingOptions = DEFAULT_TRAINING) {
  return heldOut(messages, folds, (model, message) => scoreRisk(model, message.text), options);
}

/**
 * Each head's threshold: the held-out score that only `falseAlarms` of the messages labelled none
 * reach. The rule layers catch what is said in known ways; the model adds what they miss, and may
 * only do so at a small, chosen cost in false alarms.
 */
export function chooseThresholds(
  messages: readonly TrainingMessage[],
  scores: readonly Record<Head, number>[],
  falseAlarms: Record<Head, number>,
): Record<Head, number> {
  const thresholds = {} as Record<Head, number>;
  for (const head of HEADS) {
    const quiet = scores
      .filter((_, i) => messages[i]!.label === null)
      .map((s) => s[head])
      .sort((a, b) => b - a);
    const at = Math.floor(falseAlarms[head] * quiet.length);
    thresholds[head] = Math.max(0.05, quiet[at] ?? 0.5);
  }
  return thresholds;
}
