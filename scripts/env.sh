# Sourced by the scripts: puts the project's own tools first on PATH, so trunk finds
# the wasm-opt installed by scripts/setup and never Debian's (binaryen 108 breaks the app).
TSUNAGU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TSUNAGU_ROOT
export PATH="$TSUNAGU_ROOT/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
