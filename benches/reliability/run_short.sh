#!/usr/bin/env bash
# Short form of the reliability harnesses, for CI: 8 SIGKILL crash trials on a small corpus
# and 15 s of one writer + CLI/serve/Python readers + second writers. Under ~2 minutes on 2
# cores. Exits non-zero on any failure. Full forms (on demand):
#   python3 benches/reliability/crash.py --trials 100
#   python3 benches/reliability/concurrency.py --seconds 60
# Usage: benches/reliability/run_short.sh [KBSEARCH_BINARY]   (default target/release/kbsearch,
# built when missing). The Python reader needs the module in .venv (scripts/test.sh builds it);
# without it the concurrency run fails, unless KBSEARCH_NO_PYTHON=1 skips that reader.
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=()
if [ $# -ge 1 ]; then binary=(--binary "$1"); fi
python=()
if [ "${KBSEARCH_NO_PYTHON:-}" = 1 ]; then python=(--python ''); fi

echo "== reliability (short): crash harness, 8 trials"
python3 benches/reliability/crash.py "${binary[@]}" --trials 8 --articles 900
echo "== reliability (short): concurrency harness, 15 s"
python3 benches/reliability/concurrency.py "${binary[@]}" "${python[@]}" --seconds 15 --articles 600
