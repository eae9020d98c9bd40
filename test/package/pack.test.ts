/**
 * The published artifact is what users get: build, pack it with npm, install the tarball into a
 * scratch project, and import every subpath with both `import` and `require`. publint and
 * Are the Types Wrong check the exports map and the type declarations of the same tarball.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };

const root = resolve(import.meta.dirname, "../..");
const subpaths = Object.keys(pkg.exports).filter((k) => k !== "./package.json").map((k) => (k === "." ? "idic" : `idic/${k.slice(2)}`));
let scratch = "";
let app = "";
let tarball = "";

const node = (args: string[]): string => execFileSync(process.execPath, args, { cwd: app, encoding: "utf8" });

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "idic-pack-"));
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "pipe" });
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: root, encoding: "utf8" })) as { filename: string; files: { path: string }[] }[];
  tarball = join(scratch, packed[0]!.filename);
  app = join(scratch, "app");
  const installed = join(app, "node_modules", "idic");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  // The runtime dependencies and the optional peers, as npm would install them beside the package.
  for (const dep of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]) {
    symlinkSync(join(root, "node_modules", dep), join(app, "node_modules", dep), "dir");
  }
}, 300_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the packed package", () => {
  it.each(subpaths)("%s loads with import (ESM)", (subpath) => {
    const out = node(["--input-type=module", "-e", `import * as m from "${subpath}"; console.log(JSON.stringify(Object.keys(m)))`]);
    expect(Array.isArray(JSON.parse(out))).toBe(true);
  });

  it.each(subpaths)("%s loads with require (CommonJS)", (subpath) => {
    const out = node(["-e", `const m = require("${subpath}"); console.log(JSON.stringify(Object.keys(m)))`]);
    expect(Array.isArray(JSON.parse(out))).toBe(true);
  });

  it("exposes the same names through import and require, and works end to end", () => {
    const esm = node(["--input-type=module", "-e", `import { synth, customer } from "idic"; const d = synth.generateCrmDataset({ customers: 20 }); console.log(customer.parseSourceRecords(d.sourceRecords).rejected.length, Object.keys(customer).length)`]);
    const cjs = node(["-e", `const { synth, customer } = require("idic"); const d = synth.generateCrmDataset({ customers: 20 }); console.log(customer.parseSourceRecords(d.sourceRecords).rejected.length, Object.keys(customer).length)`]);
    expect(esm).toBe(cjs);
    expect(esm.startsWith("0 ")).toBe(true);
  });

  it("ships only the build, the README and the licence notices", () => {
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
    const allowed = ["package/package.json", "package/README.md", "package/LICENSE", "package/LICENSE-UNICODE"];
    expect(listing.filter((f) => !f.startsWith("package/dist/") && !allowed.includes(f))).toEqual([]);
    expect(readdirSync(join(app, "node_modules", "idic", "dist", "synth"))).toContain("index.d.cts");
  });

  it("ships the idic command line as the package's bin", () => {
    const bin = join(app, "node_modules", "idic", pkg.bin.idic);
    expect(node([bin, "--help"])).toContain("idic resolve");
  });

  it("passes publint", async () => {
    const { publint } = await import("publint");
    const { messages } = await publint({ pkgDir: join(app, "node_modules", "idic"), level: "suggestion", strict: true });
    expect(messages).toEqual([]);
  });

  // Profile node16: Node 16+ resolution for CommonJS and ESM, and bundlers. The legacy node10
  // resolution cannot see subpath exports at all; idic needs Node ≥ 20.19.
  it("passes Are the Types Wrong for every entry point", () => {
    const bin = join(root, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
    const result = execFileSync(process.execPath, [bin, tarball, "--profile", "node16", "--format", "json"], { encoding: "utf8" });
    // execFileSync throws unless attw exits 0, i.e. no problem outside the ignored node10 resolution.
    const report = JSON.parse(result) as { analysis: { problems: { resolutionKind?: string }[] } };
    expect(report.analysis.problems.filter((p) => p.resolutionKind !== "node10")).toEqual([]);
  });
});
