/** The README's quick start must run as written (with `idic/<module>` mapped to the sources). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

describe("README", () => {
  it("has a quick start that runs", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Quick start"));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    expect(code!.split("\n").length).toBeLessThanOrEqual(25);
    const mapped = code!.replace(/from "idic\/(\w+)"/g, (_, m: string) => `from ${JSON.stringify(join(root, "src", m, "index.ts"))}`);
    const dir = mkdtempSync(join(tmpdir(), "idic-readme-"));
    try {
      writeFileSync(join(dir, "quickstart.ts"), mapped);
      const out = execFileSync(process.execPath, ["--import", "tsx", join(dir, "quickstart.ts")], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(out).toContain("1999 19.99");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives the two set-up commands", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(readme).toContain("npm install && npm run demo");
    expect(readme).toContain("npm test");
  });
});
