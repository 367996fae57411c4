// Stages one built app (scripts/build-app) into its served folder:
//  1. the WASM pieces (main module, its JS glue, the split loader and one chunk per
//     screen) into pkg/<hash>/, the hash taken over all of them: the pieces name
//     each other (the loader fetches chunks relative to itself), so the folder, not
//     each file, carries the version, and browsers may keep it for a year;
//  2. the stylesheet as main-<hash>.css, and the files given with --copy;
//  3. index.html from the template: its `<!-- bundle:head -->` becomes the
//     stylesheet, preloads and the start script;
//  4. the service worker's version and precache list (every chunk included, so a
//     screen never opened before still opens offline);
//  5. .br and .gz copies, which the server sends to browsers that accept them
//     (best compression, paid once at build time).
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    pkg: { type: "string" },
    entry: { type: "string" },
    html: { type: "string" },
    out: { type: "string" },
    "public-url": { type: "string", default: "/" },
    css: { type: "string", default: "style/main.css" },
    copy: { type: "string", multiple: true, default: [] },
  },
});
for (const required of ["pkg", "entry", "html", "out"]) {
  if (!args[required]) fail(`--${required} is required`);
}

function fail(message) {
  console.error(`bundle: ${message}`);
  process.exit(1);
}

const shortHash = (...parts) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex").slice(0, 16);
};

function walk(folder, root = folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path, root) : [relative(root, path).split("\\").join("/")];
  });
}

const out = args.out;
const url = args["public-url"];
mkdirSync(out, { recursive: true });

// 1. The WASM pieces.
const pieces = readdirSync(args.pkg).sort();
const glue = `${args.entry}.js`;
const mainWasm = `${args.entry}_bg.wasm`;
for (const needed of [glue, mainWasm]) {
  if (!pieces.includes(needed)) fail(`${args.pkg} has no ${needed}`);
}
const pkgHash = shortHash(...pieces.flatMap((p) => [p, readFileSync(join(args.pkg, p))]));
const pkgDir = `pkg/${pkgHash}`;
cpSync(args.pkg, join(out, pkgDir), { recursive: true });

// 2. The stylesheet and the copied files.
const css = readFileSync(args.css);
const cssName = `main-${shortHash(css)}.css`;
writeFileSync(join(out, cssName), css);
for (const source of args.copy) {
  cpSync(source, join(out, basename(source)), { recursive: true });
}

// 3. index.html.
const at = (file) => `${url}${file}`;
const loader = pieces.includes("__wasm_split.js")
  ? `\n  <link rel="modulepreload" href="${at(`${pkgDir}/__wasm_split.js`)}">`
  : "";
const head = `<link rel="stylesheet" href="${at(cssName)}">
  <link rel="modulepreload" href="${at(`${pkgDir}/${glue}`)}">${loader}
  <link rel="preload" href="${at(`${pkgDir}/${mainWasm}`)}" as="fetch" type="application/wasm" crossorigin>
  <script type="module">import init from "${at(`${pkgDir}/${glue}`)}"; init({ module_or_path: "${at(`${pkgDir}/${mainWasm}`)}" });</script>`;
const template = readFileSync(args.html, "utf8");
if (!template.includes("<!-- bundle:head -->")) fail(`${args.html} has no <!-- bundle:head -->`);
writeFileSync(join(out, "index.html"), template.replace("<!-- bundle:head -->", head));

const compressed = (f) => f.endsWith(".br") || f.endsWith(".gz");
const files = walk(out).filter((f) => !compressed(f)).sort();

// 4. The service worker (the family app only; the staff app has none).
const swPath = join(out, "sw.js");
const hasWorker = files.includes("sw.js");
const shell = files.filter((f) => f !== "sw.js");
const version = shortHash(...shell.flatMap((f) => [f, readFileSync(join(out, f))]));
if (hasWorker) {
  const precache = shell.map((f) => at(f));
  const sw = readFileSync(swPath, "utf8")
    .replace("__TSUNAGU_VERSION__", version)
    .replace("__TSUNAGU_PRECACHE__", JSON.stringify(precache));
  if (sw.includes("__TSUNAGU_")) fail("sw.js still has a placeholder");
  writeFileSync(swPath, sw);
}

// 5. Precompressed copies.
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".txt"]);
let raw = 0;
let br = 0;
for (const f of files) {
  if (!COMPRESSIBLE.has(extname(f))) continue;
  const path = join(out, f);
  const data = readFileSync(path);
  if (data.length < 256) continue;
  const brotli = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gzip = gzipSync(data, { level: 9 });
  if (brotli.length < data.length) writeFileSync(path + ".br", brotli);
  if (gzip.length < data.length) writeFileSync(path + ".gz", gzip);
  raw += data.length;
  br += Math.min(brotli.length, data.length);
}
console.log(
  hasWorker
    ? `bundle: ${out}: service worker ${version}, ${shell.length} files precached, ${raw} bytes → ${br} brotli`
    : `bundle: ${out}: ${raw} bytes → ${br} brotli`,
);
