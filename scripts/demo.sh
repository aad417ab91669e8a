#!/usr/bin/env bash
# The main job: build kbsearch, index the sample corpus, answer a query in each language.
# Usage: scripts/demo.sh ["your query"]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p kbsearch-cli
KB=target/release/kbsearch
export KBSEARCH_INDEX="${KBSEARCH_INDEX:-$PWD/.kbsearch}"
# An index left by an older kbsearch (another index format) is rebuilt first.
if [ -e "$KBSEARCH_INDEX/meta.json" ] && ! "$KB" stats >/dev/null 2>&1; then
    "$KB" reindex
fi
"$KB" index corpus/articles
if [ $# -gt 0 ]; then
    "$KB" search "$@"
    exit
fi
for query in "什么是客户服务运营经理?" "客服經理 績效考核" "Що таке зворотній звʼязок?" \
             "quan ly dich vu khach hang la gi" "What does the role involve?"; do
    echo
    echo "\$ kbsearch search \"$query\" -k 2"
    "$KB" search "$query" -k 2
done
