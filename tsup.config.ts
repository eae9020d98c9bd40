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
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: "node20",
  outDir: "dist",
});
