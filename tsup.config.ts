import { defineConfig } from "tsup";

/** Every public entry point: the root and one per module (see package.json "exports"). */
const modules = ["customer", "identity", "value", "segments", "strategy", "recommend", "interact", "synth"];

export default defineConfig({
  entry: {
    index: "src/index.ts",
    ...Object.fromEntries(modules.map((m) => [`${m}/index`, `src/${m}/index.ts`])),
    // Optional integration behind its own subpath; its peer dependency stays external.
    "identity/libphonenumber": "src/identity/libphonenumber.ts",
    // The command line (`npx idic resolve …`), shipped as the package's bin.
    cli: "src/cli/index.ts",
    // The worker thread of identity scoring, started by path (src/identity/parallel.ts finds it).
    "identity/score-worker": "src/identity/score-worker.ts",
    // The worker thread of identity preparation (src/identity/prepare-threads.ts), found the same way.
    "identity/prepare-worker": "src/identity/prepare-worker.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  // import.meta.url in the CommonJS build (the identity module locates its worker script with it).
  shims: true,
  treeshake: true,
  target: "node20",
  outDir: "dist",
});
