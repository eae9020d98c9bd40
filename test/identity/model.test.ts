import { describe, expect, it } from "vitest";
import {
  FellegiSunterModelSchema,
  PRESETS,
  countTermFrequencies,
  createScorer,
  estimateU,
  levelWeight,
  prepareRecords,
  priorWeight,
  probabilityOfWeight,
  resolveIdentities,
  type FellegiSunterModel,
} from "../../src/identity/index.js";
import { smallDataset } from "./fixtures.js";

const dataset = smallDataset(150, 21);
const resolution = resolveIdentities(dataset.sourceRecords);
const model = resolution.model!;

describe("Fellegi–Sunter model", () => {
  it("weighs a level by log2(m/u) and turns the total into a probability", () => {
    expect(levelWeight(model, 0, 0)).toBe(0);
    expect(levelWeight(model, 0, 1)).toBeCloseTo(Math.log2(model.m[0]![0]! / model.u[0]![0]!), 12);
    expect(priorWeight(model)).toBeCloseTo(Math.log2(model.lambda / (1 - model.lambda)), 12);
    expect(probabilityOfWeight(0)).toBe(0.5);
    expect(probabilityOfWeight(10)).toBeGreaterThan(0.999);
  });

  it("is trained without labels into weights that favour agreement", () => {
    for (const [c, comparison] of model.comparisons.entries()) {
      expect(levelWeight(model, c, 1), comparison.name).toBeGreaterThan(0);
      expect(levelWeight(model, c, comparison.levels.length + 1), comparison.name).toBeLessThan(0);
    }
    expect(resolution.training?.mFrom).toBe("em");
    expect(resolution.training?.sessions.length).toBeGreaterThan(3);
    expect(model.lambda).toBeGreaterThan(0);
    expect(model.lambda).toBeLessThan(0.05);
  });

  it("round-trips through JSON", () => {
    const copy = FellegiSunterModelSchema.parse(JSON.parse(JSON.stringify(model)));
    expect(copy).toEqual(model);
  });

  it("scores a pair the same in both directions", () => {
    const prepared = prepareRecords(dataset.sourceRecords.slice(0, 60));
    const scorer = createScorer(model, prepared);
    for (let i = 0; i < 20; i++) for (let j = i + 1; j < 20; j++) expect(scorer.weight(i, j)).toBe(scorer.weight(j, i));
  });

  it("reuses another scorer's compiled comparisons with the same result, and refuses other comparisons", () => {
    const prepared = prepareRecords(dataset.sourceRecords.slice(0, 60));
    const first = createScorer(model, prepared);
    const refined = { ...model, lambda: model.lambda / 2 };
    const fresh = createScorer(refined, prepared);
    const reused = createScorer(refined, prepared, { compiled: first.compiled });
    expect(reused.compiled).toBe(first.compiled);
    for (let i = 0; i < 20; i++) for (let j = i + 1; j < 20; j++) expect(reused.weight(i, j)).toBe(fresh.weight(i, j));
    const fewer = { ...model, comparisons: model.comparisons.slice(1), m: model.m.slice(1), u: model.u.slice(1) };
    expect(() => createScorer(fewer, prepared, { compiled: first.compiled })).toThrow(RangeError);
  });

  it("counts a match on a rare family name more than one on a common name", () => {
    const rows = [
      ...Array.from({ length: 30 }, (_, k) => ({ sourceSystem: "s", sourceId: `smith${k}`, familyName: "Smith" })),
      { sourceSystem: "s", sourceId: "r1", familyName: "Quarrington" },
      { sourceSystem: "s", sourceId: "r2", familyName: "Quarrington" },
    ];
    const prepared = prepareRecords(rows.map((r) => ({ ...r, emails: [], phones: [], addresses: [], accountIds: [], attributes: {} })));
    const comparisons = [PRESETS.person.comparisons[1]!];
    const { u } = estimateU(prepared, comparisons);
    const tfModel: FellegiSunterModel = {
      version: 1,
      comparisons: [...comparisons],
      m: comparisons.map((c) => Array.from({ length: c.levels.length + 1 }, (_, l) => (l === 0 ? 0.9 : 0.1 / c.levels.length))),
      u,
      lambda: 0.01,
      termFrequencies: [countTermFrequencies(prepared, "familyName")],
    };
    const scorer = createScorer(tfModel, prepared);
    const at = (key: string): number => prepared.keys.indexOf(`s\u001f${key}`);
    expect(scorer.weight(at("r1"), at("r2"))).toBeGreaterThan(scorer.weight(at("smith0"), at("smith1")) + 2);
  });
});
