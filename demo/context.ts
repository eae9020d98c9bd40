/** What the demo's stages share: the generated data, the current customer view, output helpers. */
import type { CrmDataset } from "../src/synth/index.js";

/** The state passed from stage to stage. */
export interface DemoContext {
  /** The generated data set. */
  readonly dataset: CrmDataset;
  /** The demo's "now": the end of the generated observation window. */
  readonly asOf: Date;
  /** Folder the charts are written to. */
  readonly outDir: string;
  /**
   * Which person each source record (by `sourceId`) belongs to. It starts as the generator's
   * ground truth; the identify stage replaces it with the resolved view, so that later stages
   * work on what idic found, as an application would.
   */
  personOfRecord: Map<string, string>;
  /** Which household each person belongs to (ground truth until the identify stage resolves it). */
  householdOfPerson: Map<string, string>;
  /** Written charts, in order, for the closing summary. */
  readonly charts: string[];
  /** Renders a Vega-Lite spec to `<outDir>/<name>.svg` and records it. */
  chart(name: string, spec: object): Promise<string>;
}

/** One stage of the demo, one per IDIC step that exists. */
export interface DemoStage {
  /** Title printed as the stage heading. */
  readonly title: string;
  /** Runs the stage: prints its report and writes its charts. */
  run(context: DemoContext): Promise<void> | void;
}
