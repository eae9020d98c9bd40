/** Runs every example in examples/ so that none rots: each must exit 0 and print something. */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const examples = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".ts")).sort();

describe("examples", () => {
  it("exist", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)("%s runs and prints a report", (file) => {
    const output = execFileSync(process.execPath, ["--import", "tsx", join("examples", file)], { cwd: root, encoding: "utf8", timeout: 120_000 });
    expect(output.trim().length).toBeGreaterThan(20);
  });
});
