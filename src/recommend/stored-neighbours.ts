/** Reading the neighbour lists a model stores (internal). */
import type { RecommenderModel } from "./model.js";

/** Similarity of two model items scaled to [0, 1] by each one's best neighbour, the larger of both directions (MMR). */
export function scaledModelSimilarity(model: RecommenderModel, a: number, b: number): number {
  return Math.max(scaledWeight(model, a, b), scaledWeight(model, b, a));
}

/** s(from → to) ÷ the best s(from → ·), 0 when `to` is not among `from`'s neighbours. */
function scaledWeight(model: RecommenderModel, from: number, to: number): number {
  const start = model.neighbourOffsets[from] as number;
  const end = model.neighbourOffsets[from + 1] as number;
  for (let q = start; q < end; q++) {
    if (model.neighbourItems[q] === to) return (model.neighbourWeights[q] as number) / (model.neighbourWeights[start] as number);
  }
  return 0;
}
