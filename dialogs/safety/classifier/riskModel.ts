import type { RiskTier } from '../riskLexicon.js';
import { FEATURE_BITS, featureWeights, featuresOf, joinedFeatures, type Features } from './riskFeatures.js';

/** The three questions the model answers, each a logistic regression over the same features. */
export const HEADS = ['flag', 'sameDay', 'urgent'] as const;
export type Head = (typeof HEADS)[number];

/** What each head is trained to say yes to: this tier or above. */
export const HEAD_TIERS: Readonly<Record<Head, readonly (RiskTier | null)[]>> = {
  flag: ['routine', 'same-day', 'urgent'],
  sameDay: ['same-day', 'urgent'],
  urgent: ['urgent'],
};

/** One head as trained: a bias and a weight per feature bucket. */
export interface HeadWeights {
  bias: number;
  weights: Float32Array;
}

/** A trained model: the weights, and the probability above which each head says yes. */
export interface RiskModel {
  featureBits: number;
  heads: Record<Head, HeadWeights>;
  thresholds: Record<Head, number>;
}

/** The model as stored in riskModel.json: weights as int8 with one scale per head, base64. */
export interface StoredRiskModel {
  version: 1;
  featureBits: number;
  trainedOn: { messages: number; sha256: string };
  heads: Record<Head, { bias: number; scale: number; weights: string }>;
  thresholds: Record<Head, number>;
}

/** Probabilities per head for one message: the highest over its stretches (see stretchesOf). */
export type RiskScores = Record<Head, number>;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function dot(head: HeadWeights, features: Features): number {
  let z = head.bias;
  for (let i = 0; i < features.index.length; i++) z += head.weights[features.index[i]!]! * features.value[i]!;
  return z;
}

/**
 * The model's probabilities for a stretch of text (pure). Scoring every sentence of every message
 * apart and taking the highest lost in held-out tests (urgent recall at 2% false alarms 72% against
 * 78%): only long messages are also read in windows (classifyRisk).
 */
export function scoreRisk(model: RiskModel, text: string): RiskScores {
  return scoreFeatures(model, featuresOf(text));
}

function scoreFeatures(model: RiskModel, features: Features): RiskScores {
  const [flag, sameDay, urgent] = HEADS.map((head) => sigmoid(dot(model.heads[head], features))) as [number, number, number];
  // The tiers nest (urgent is also same-day or above, and a flag), so no head may be surer than the
  // ones that contain it: an idiom the urgent head alone likes ("you'll be the death of me") is not
  // taken for urgent when the flag head is sure it is nothing.
  return { flag, sameDay: Math.min(sameDay, flag), urgent: Math.min(urgent, sameDay, flag) };
}

const LONG_MESSAGE_CHARS = 300;

/** The tier the model gives: the highest whose head is over its threshold, or null. */
export function classifyRisk(model: RiskModel, text: string): { tier: RiskTier | null; scores: RiskScores } {
  const scores = scoreRisk(model, text);
  // A long ramble is also read two sentences at a time, so that a risk in the middle is not drowned
  // by the ordinary news around it (held-out urgent recall on the training corpus 86.2% to 87.7%).
  if (text.length > LONG_MESSAGE_CHARS) {
    // Each sentence is read once; a window joins two sentences' features.
    const sentences = text
      .split(/(?<=[.!?\n])\s+/)
      .filter((x) => x.trim())
      .map(featureWeights);
    for (let i = 0; i + 1 < sentences.length; i++) {
      const window = scoreFeatures(model, joinedFeatures(sentences[i]!, sentences[i + 1]!));
      for (const head of HEADS) scores[head] = Math.max(scores[head], window[head]);
    }
  }
  const tier: RiskTier | null =
    scores.urgent >= model.thresholds.urgent
      ? 'urgent'
      : scores.sameDay >= model.thresholds.sameDay
        ? 'same-day'
        : scores.flag >= model.thresholds.flag
          ? 'routine'
          : null;
  return { tier, scores };
}

/** Weights to the stored form: int8 per weight, scaled by the head's largest. */
export function storeRiskModel(model: RiskModel, trainedOn: StoredRiskModel['trainedOn']): StoredRiskModel {
  const heads = {} as StoredRiskModel['heads'];
  for (const head of HEADS) {
    const { bias, weights } = model.heads[head];
    const scale = weights.reduce((most, w) => Math.max(most, Math.abs(w)), 0) / 127 || 1;
    const bytes = Int8Array.from(weights, (w) => Math.round(w / scale));
    heads[head] = { bias, scale, weights: Buffer.from(bytes.buffer).toString('base64') };
  }
  return { version: 1, featureBits: model.featureBits, trainedOn, heads, thresholds: { ...model.thresholds } };
}

/** The stored form back to weights. Throws when it was made for another feature space. */
export function loadRiskModel(stored: StoredRiskModel): RiskModel {
  if (stored.version !== 1 || stored.featureBits !== FEATURE_BITS) {
    throw new Error(`risk model: made for feature space ${stored.featureBits} v${stored.version}, expected ${FEATURE_BITS} v1: run npm run train:risk`);
  }
  const heads = {} as RiskModel['heads'];
  for (const head of HEADS) {
    const { bias, scale, weights } = stored.heads[head];
    const bytes = new Int8Array(Buffer.from(weights, 'base64'));
    heads[head] = { bias, weights: Float32Array.from(bytes, (b) => b * scale) };
  }
  return { featureBits: stored.featureBits, heads, thresholds: { ...stored.thresholds } };
}
