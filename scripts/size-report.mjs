// Prints the size of every built piece of the family app (dist/): raw, and
// brotli as the server sends it (the .br files bundle.mjs wrote, at the best
// quality), and the first load of its entry screens: index.html and what it
// loads before the app runs (stylesheet, JS glue, split loader, main WASM module).
// Sign-in and a parent's home are both drawn by the main module; every other
// screen is a chunk fetched when first opened, so it costs the first load nothing.
//
// With --budget KB the run fails when the first load is above KB (1 KB = 1000 B):
// CI's check that the phone's download does not grow unnoticed. The sizes are
// deterministic for a given lock file, so this is a check, not a timing.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: { dist: { type: "string", default: "dist" }, budget: { type: "string" } },
});
const dist = args.dist;
const size = (f) => statSync(join(dist, f)).size;
const brotli = (f) => (existsSync(join(dist, `${f}.br`)) ? size(`${f}.br`) : size(f));

const html = readFileSync(join(dist, "index.html"), "utf8");
const loaded = [
  ...html.matchAll(/<link rel="(?:stylesheet|modulepreload|preload)" href="\/([^"]+)"/g),
].map((m) => m[1]);
if (!loaded.some((f) => f.endsWith(".wasm"))) {
  console.error("size-report: index.html loads no WASM module; is dist/ this build's?");
  process.exit(1);
}
const first = ["index.html", ...loaded];
const pkg = loaded.find((f) => f.startsWith("pkg/")).split("/").slice(0, 2).join("/");
const chunks = readdirSync(join(dist, pkg))
  .filter((f) => f.endsWith(".wasm") && !first.includes(`${pkg}/${f}`))
  .sort()
  .map((f) => `${pkg}/${f}`);

const row = (f) => console.log(`${f.padEnd(64)} ${String(size(f)).padStart(9)} ${String(brotli(f)).padStart(9)}`);
console.log(`${"first load (sign-in and home)".padEnd(64)} ${"raw".padStart(9)} ${"brotli".padStart(9)}`);
first.forEach(row);
const total = first.reduce((sum, f) => sum + brotli(f), 0);
const totalRaw = first.reduce((sum, f) => sum + size(f), 0);
console.log(`${"= first load".padEnd(64)} ${String(totalRaw).padStart(9)} ${String(total).padStart(9)}  (${(total / 1000).toFixed(1)} KB brotli)`);
console.log(`\nchunks fetched when a screen is first opened (${chunks.length})`);
chunks.forEach(row);
const rest = chunks.reduce((sum, f) => sum + brotli(f), 0);
console.log(`${"= all chunks".padEnd(64)} ${String(chunks.reduce((s, f) => s + size(f), 0)).padStart(9)} ${String(rest).padStart(9)}`);

if (args.budget !== undefined) {
  const budget = Number(args.budget) * 1000;
  if (!(budget > 0)) {
    console.error(`size-report: --budget ${args.budget} is not a size in KB`);
    process.exit(1);
  }
  if (total > budget) {
    console.error(`size-report: the first load is ${total} B brotli, above the budget of ${budget} B`);
    process.exit(1);
  }
  console.log(`size-report: first load ${total} B brotli, within the budget of ${budget} B`);
}
