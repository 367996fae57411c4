// Runs after trunk has staged the build (a trunk post_build hook):
//  1. writes the service worker's version and precache list, so it caches exactly
//     this build's files;
//  2. writes .br and .gz copies of text and WASM files, which the server sends to
//     browsers that accept them (best compression, paid once at build time).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, extname } from "node:path";
import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("postbuild: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}

function walk(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(dir, path)];
  });
}

const compressed = (f) => f.endsWith(".br") || f.endsWith(".gz");
const files = walk(dir).filter((f) => !compressed(f)).sort();

// 1. The service worker (the family app's build only; the staff app has none).
const shell = files.filter((f) => f !== "sw.js");
const hasWorker = files.includes("sw.js");
const hash = createHash("sha256");
for (const f of shell) {
  hash.update(f);
  hash.update(readFileSync(join(dir, f)));
}
const version = hash.digest("hex").slice(0, 16);
const precache = shell.map((f) => "/" + f.split("\\").join("/"));
if (hasWorker) {
  const swPath = join(dir, "sw.js");
  const sw = readFileSync(swPath, "utf8")
    .replace("__TSUNAGU_VERSION__", version)
    .replace("__TSUNAGU_PRECACHE__", JSON.stringify(precache));
  if (sw.includes("__TSUNAGU_")) {
    console.error("postbuild: sw.js still has a placeholder");
    process.exit(1);
  }
  writeFileSync(swPath, sw);
}

// 2. Precompressed copies.
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".txt"]);
let raw = 0;
let br = 0;
for (const f of files) {
  if (!COMPRESSIBLE.has(extname(f))) continue;
  const path = join(dir, f);
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
    ? `postbuild: service worker ${version}, ${precache.length} files precached, ${raw} bytes → ${br} brotli`
    : `postbuild: ${raw} bytes → ${br} brotli`,
);
