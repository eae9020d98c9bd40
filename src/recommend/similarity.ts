/**
 * Item–item similarity from co-occurrence. With `c` the number of customers who bought both `i`
 * and `j`, `nᵢ` and `nⱼ` the numbers of customers who bought each, `N` the number of customers who
 * bought anything (at least one net purchase) and `λ` the shrink term:
 *
 * | measure | s(i → j) | symmetric |
 * | --- | --- | --- |
 * | `cosine` | c / (√(nᵢ nⱼ) + λ) | yes |
 * | `asymmetric-cosine` | c / (nᵢ^α nⱼ^(1−α) + λ) | when α = ½ |
 * | `jaccard` | c / (nᵢ + nⱼ − c + λ) | yes |
 * | `lift` | c N / (nᵢ nⱼ + λ) | yes |
 * | `conditional` | c / ((nᵢ + λ) nⱼ^α) — P(j \| i), damped by popularity | no |
 * | `rp3beta` | Σᵤ dᵤ^(−α) / (nᵢ^α nⱼ^β + λ), dᵤ = items of customer u | no |
 */

/**
 * How item–item similarity is measured; see the table in the module docs (`docs/customize.md`).
 * `shrink` (λ, default 0) is added to the denominator so that pairs seen by few customers count
 * less.
 *
 * @example
 * ```ts
 * const similarity: SimilarityOptions = { measure: "rp3beta", alpha: 1, beta: 0.5 };
 * ```
 */
export type SimilarityOptions =
  | {
      /** Cosine of the two items' customer vectors (Sarwar et al. 2001; Linden et al. 2003). */
      readonly measure: "cosine";
      /** Shrink term λ ≥ 0 (default 0). */
      readonly shrink?: number;
    }
  | {
      /** Asymmetric cosine (Aiolli 2013): α weighs the source item's popularity against the target's. */
      readonly measure: "asymmetric-cosine";
      /** Exponent α in [0, 1] (default 0.5, which is the cosine). */
      readonly alpha?: number;
      /** Shrink term λ ≥ 0 (default 0). */
      readonly shrink?: number;
    }
  | {
      /** Jaccard index of the two items' sets of customers. */
      readonly measure: "jaccard";
      /** Shrink term λ ≥ 0 (default 0). */
      readonly shrink?: number;
    }
  | {
      /** Lift: how much more often the two are bought together than if independent. */
      readonly measure: "lift";
      /** Shrink term λ ≥ 0 added to nᵢ nⱼ (default 0). */
      readonly shrink?: number;
    }
  | {
      /** Conditional probability P(j | i) (Deshpande & Karypis 2004), damped by nⱼ^α. */
      readonly measure: "conditional";
      /** Popularity damping α in [0, 1] (default 0: the plain confidence c / nᵢ). */
      readonly alpha?: number;
      /** Shrink term λ ≥ 0 added to nᵢ (default 0). */
      readonly shrink?: number;
    }
  | {
      /** RP3beta random walk item → customer → item (Paudel et al. 2017), popularity-penalised. */
      readonly measure: "rp3beta";
      /** Exponent α ≥ 0 of the transition probabilities (default 1). */
      readonly alpha?: number;
      /** Popularity penalty β ≥ 0 on the target item (default 0.5). */
      readonly beta?: number;
      /** Shrink term λ ≥ 0 (default 0). */
      readonly shrink?: number;
    };

/**
 * The name of a similarity measure.
 *
 * @example
 * ```ts
 * const measure: SimilarityMeasure = "jaccard";
 * ```
 */
export type SimilarityMeasure = SimilarityOptions["measure"];

/**
 * Similarity options with every parameter filled in (parameters a measure does not use are 0),
 * as stored in a model.
 *
 * @example
 * ```ts
 * const resolved: ResolvedSimilarity = { measure: "jaccard", shrink: 0, alpha: 0, beta: 0 };
 * ```
 */
export interface ResolvedSimilarity {
  /** The measure. */
  readonly measure: SimilarityMeasure;
  /** Shrink term λ. */
  readonly shrink: number;
  /** Exponent α (asymmetric cosine, conditional, RP3beta; 0 otherwise). */
  readonly alpha: number;
  /** Exponent β (RP3beta; 0 otherwise). */
  readonly beta: number;
}

const MEASURES: readonly SimilarityMeasure[] = ["cosine", "asymmetric-cosine", "jaccard", "lift", "conditional", "rp3beta"];

function checkParameter(name: string, value: number | undefined, fallback: number, max: number): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > max) {
    throw new RangeError(`similarity.${name} must be a number in [0, ${max}], got ${String(value)}`);
  }
  return v;
}

/**
 * Fills in the defaults of similarity options and checks them.
 *
 * @param options - The similarity options.
 * @returns The resolved options.
 * @throws RangeError when the measure is unknown or a parameter is out of range.
 * @example
 * ```ts
 * resolveSimilarity({ measure: "rp3beta" }); // { measure: "rp3beta", shrink: 0, alpha: 1, beta: 0.5 }
 * ```
 */
export function resolveSimilarity(options: SimilarityOptions): ResolvedSimilarity {
  const measure = options?.measure;
  if (!MEASURES.includes(measure)) throw new RangeError(`similarity.measure must be one of ${MEASURES.join(", ")}, got ${String(measure)}`);
  const shrink = checkParameter("shrink", options.shrink, 0, 1e12);
  switch (options.measure) {
    case "asymmetric-cosine":
      return { measure, shrink, alpha: checkParameter("alpha", options.alpha, 0.5, 1), beta: 0 };
    case "conditional":
      return { measure, shrink, alpha: checkParameter("alpha", options.alpha, 0, 1), beta: 0 };
    case "rp3beta":
      return { measure, shrink, alpha: checkParameter("alpha", options.alpha, 1, 10), beta: checkParameter("beta", options.beta, 0.5, 10) };
    default:
      return { measure, shrink, alpha: 0, beta: 0 };
  }
}

/**
 * Whether s(i → j) = s(j → i) for every pair under these options (cosine, Jaccard, lift, and the
 * asymmetric cosine with α = ½).
 *
 * @param similarity - Resolved similarity options.
 * @returns `true` for a symmetric measure.
 * @example
 * ```ts
 * isSymmetricSimilarity(resolveSimilarity({ measure: "jaccard" })); // true
 * ```
 */
export function isSymmetricSimilarity(similarity: ResolvedSimilarity): boolean {
  switch (similarity.measure) {
    case "cosine":
    case "jaccard":
    case "lift":
      return true;
    case "asymmetric-cosine":
      return similarity.alpha === 0.5;
    default:
      return false;
  }
}

/** s(i → j) of one pair from c, the RP3beta walk sum, nᵢ, nⱼ and N (internal). */
export type PairSimilarity = (c: number, walk: number, ni: number, nj: number, total: number) => number;

/**
 * The similarity function of the resolved options (internal kernel): one small monomorphic
 * function per measure, so that the engine can inline it in the co-occurrence loop.
 *
 * @param s - Resolved options.
 */
export function pairSimilarity(s: ResolvedSimilarity): PairSimilarity {
  const { shrink, alpha, beta } = s;
  switch (s.measure) {
    case "cosine":
      return (c, _walk, ni, nj) => c / (Math.sqrt(ni * nj) + shrink);
    case "asymmetric-cosine":
      return (c, _walk, ni, nj) => c / (Math.pow(ni, alpha) * Math.pow(nj, 1 - alpha) + shrink);
    case "jaccard":
      return (c, _walk, ni, nj) => c / (ni + nj - c + shrink);
    case "lift":
      return (c, _walk, ni, nj, total) => (c * total) / (ni * nj + shrink);
    case "conditional":
      return (c, _walk, ni, nj) => c / ((ni + shrink) * Math.pow(nj, alpha));
    case "rp3beta":
      return (_c, walk, ni, nj) => walk / (Math.pow(ni, alpha) * Math.pow(nj, beta) + shrink);
  }
}
