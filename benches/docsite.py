#!/usr/bin/env python3
"""Index a Markdown documentation site with the release CLI and report how well it came through.

usage: benches/docsite.py DOCS_ROOT [--langs en,zh-cn,uk,vi] [--kbsearch target/release/kbsearch]
                                    [--index DIR] [--json]

DOCS_ROOT is a Hugo site (its content/LANG/docs folders are indexed, e.g. a checkout of
github.com/kubernetes/website, or the fixture of benches/docsite_fixture.py) or a folder of
LANG folders. All language folders are indexed in one run, as `kbsearch index ROOT...`.
Reported:
- files vs articles, and id collisions the index report lists;
- % passages holding template markup ({{< >}}, {{% %}}, {% %}, JSX components) or under 20
  characters;
- headings that came from code (a heading-path entry equal to a line, `# comment` or
  `- key:` of a fenced block of its page, and not a heading of the page) and code lines
  missing from the page's passages;
- pages whose language is not their folder's; titles shared by 3+ pages;
- known-item answer@1 per language: each page's front-matter title (and its `description`,
  where there is one) as the query, with `--lang` of its folder; a hit is the page itself
  ranked first.
"""
import argparse, collections, json, os, re, subprocess, sys, tempfile

# Hugo / Liquid / Jinja tags, and JSX components (`<Release.Provider>`, `<Button kind=…>`).
MARKUP = re.compile(r"\{\{[<%]|[>%]\}\}|\{%-?\s|\s-?%\}|(?<!\w)</?[A-Z][a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*[\s/>]")
FENCE = re.compile(r"^\s*(```+|~~~+)")


def language_roots(root, langs):
    content = os.path.join(root, "content")
    roots = []
    for lang in langs:
        for candidate in (os.path.join(content, lang, "docs"), os.path.join(root, lang)):
            if os.path.isdir(candidate):
                roots.append((lang, candidate))
                break
    return roots


def front_matter(text):
    """Top-level scalar keys of YAML front matter (folded `>-` values joined)."""
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    fields, key = {}, None
    for line in text[4:end].split("\n"):
        m = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", line)
        if m:
            key, value = m.group(1).lower(), m.group(2).strip()
            fields[key] = "" if value in (">", ">-", "|", "|-") else value.strip("\"'")
        elif key and line.startswith((" ", "\t")) and fields.get(key) is not None:
            fields[key] = (fields[key] + " " + line.strip()).strip()
    return fields


def code_lines(text):
    """Non-empty lines of fenced code blocks, and heading texts outside code."""
    code, headings, fence = [], set(), None
    for line in text.split("\n"):
        m = FENCE.match(line)
        if m and (fence is None or m.group(1)[0] == fence[0] and line.strip() == m.group(1)):
            fence = m.group(1) if fence is None else None
            continue
        if fence is not None:
            if line.strip():
                code.append(line.rstrip())
        else:
            h = re.match(r"^#{1,6}\s+(.*?)\s*(\{#[^}]*\})?\s*$", line)
            if h:
                headings.add(h.group(1).strip())
    return code, headings


def code_heading_forms(line):
    """What a code line turned into a heading would read as."""
    t = line.strip()
    forms = {t, t.lstrip("#").strip()}
    m = re.match(r"^-?\s*([\w.-]+):\s*(.*)$", t.lstrip("- "))
    if m:
        forms.add(m.group(1))
    return {f for f in forms if f}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--langs", default="en,zh-cn,uk,vi")
    ap.add_argument("--kbsearch", default="target/release/kbsearch")
    ap.add_argument("--index")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--misses", action="store_true", help="list the known-item queries missed")
    args = ap.parse_args()
    roots = language_roots(args.root, args.langs.split(","))
    if not roots:
        sys.exit(f"no language folders under {args.root}")
    files = {}
    for lang, root in roots:
        for dirpath, dirnames, names in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in names:
                if name.endswith((".md", ".markdown", ".mdx")):
                    files[os.path.join(dirpath, name)] = lang
    index = args.index or tempfile.mkdtemp(prefix="kbsearch-docsite-")
    cmd = [args.kbsearch, "--index", index, "index", "--json", "--explain"]
    cmd += [root for _, root in roots]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {done.stderr}")
    report = json.loads(done.stdout)
    articles = report.get("explained", [])
    by_source = {os.path.normpath(a["source"]): a for a in articles if a.get("source")}

    passages = [p for a in articles for p in a["passages"]]
    markup = sum(1 for p in passages if MARKUP.search(p["text"]))
    short = sum(1 for p in passages if len(p["text"]) < 20)
    code_headings, pages_with_code_headings, code_total, code_missing = 0, 0, 0, 0
    wrong_lang = collections.Counter()
    title_count = collections.Counter()
    queries = []  # (lang, kind, query, article id)
    for path, lang in sorted(files.items()):
        article = by_source.get(os.path.normpath(path))
        if article is None:
            continue
        text = open(path, encoding="utf-8", errors="replace").read()
        code, headings = code_lines(text)
        forms = set()
        for line in code:
            forms |= code_heading_forms(line)
        forms -= headings
        from_code = {h for p in article["passages"] for h in p["heading_path"] if h in forms}
        code_headings += len(from_code)
        pages_with_code_headings += bool(from_code)
        kept = "\n".join(p["text"] for p in article["passages"])
        code_total += len(code)
        code_missing += sum(1 for line in code if line.strip() not in kept)
        folder_lang = {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant"}.get(lang, lang)
        if article["lang"].lower() != folder_lang.lower():
            wrong_lang[lang] += 1
        title_count[(lang, article["title"])] += 1
        fields = front_matter(text)
        for kind in ("title", "description"):
            if fields.get(kind):
                queries.append((lang, kind, fields[kind], article["id"]))
    # A query several pages of one language share is no known item.
    shared = collections.Counter((lang, kind, q) for lang, kind, q, _ in queries)
    ambiguous = sum(1 for key in shared.elements() if shared[key] > 1)
    queries = [x for x in queries if shared[x[:3]] == 1]

    found = {}
    if queries:
        requests = "".join(
            json.dumps({"query": q, "k": 1, "lang": lang}, ensure_ascii=False) + "\n"
            for lang, _, q, _ in queries)
        served = subprocess.run([args.kbsearch, "--index", index, "serve"], input=requests,
                                capture_output=True, text=True)
        answers = served.stdout.splitlines()
        for (lang, kind, q, want), answer in zip(queries, answers):
            hits = json.loads(answer).get("hits", [])
            ok = bool(hits) and hits[0]["article_id"] == want
            if args.misses and not ok:
                got = hits[0]["article_id"] if hits else None
                print(f"miss {lang}/{kind}: {q!r} -> {got} (want {want})", file=sys.stderr)
            n, k = found.get((lang, kind), (0, 0))
            found[(lang, kind)] = (n + ok, k + 1)

    per_lang_files = collections.Counter(files.values())
    figures = {
        "files": len(files),
        "articles": len({a["id"] for a in articles}),
        "added": report["added"], "updated": report["updated"], "unchanged": report["unchanged"],
        "collisions": len(report.get("collisions", [])),
        "collisions_skipped": sum(1 for c in report.get("collisions", []) if c["resolved"] is None),
        "skipped": len(report.get("skipped", [])),
        "passages": len(passages),
        "passages_with_markup_pct": round(100 * markup / max(1, len(passages)), 2),
        "passages_under_20_chars_pct": round(100 * short / max(1, len(passages)), 2),
        "headings_from_code": code_headings,
        "pages_with_headings_from_code_pct": round(100 * pages_with_code_headings / max(1, len(articles)), 2),
        "code_lines": code_total,
        "code_lines_missing": code_missing,
        "pages_not_in_folder_language": dict(wrong_lang),
        "pages_sharing_title_with_2plus_in_language": sum(c for c in title_count.values() if c >= 3),
        "ambiguous_queries_left_out": ambiguous,
        "answer_at_1": {f"{lang}/{kind}": round(n / k, 3) for (lang, kind), (n, k) in sorted(found.items())},
        "queries": {f"{lang}/{kind}": k for (lang, kind), (n, k) in sorted(found.items())},
        "files_per_language": dict(per_lang_files),
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        return
    print(f"files {figures['files']} -> articles {figures['articles']} "
          f"({figures['added']} added, {figures['updated']} updated); "
          f"collisions {figures['collisions']} ({figures['collisions_skipped']} skipped); "
          f"skipped files {figures['skipped']}")
    print(f"passages {figures['passages']}: with template markup "
          f"{figures['passages_with_markup_pct']}%, under 20 chars {figures['passages_under_20_chars_pct']}%")
    print(f"headings from code {figures['headings_from_code']} "
          f"({figures['pages_with_headings_from_code_pct']}% of pages); code lines missing "
          f"{figures['code_lines_missing']} of {figures['code_lines']}")
    print(f"pages not in their folder's language: {figures['pages_not_in_folder_language']}; "
          f"pages sharing their title with 2+ pages of their language: "
          f"{figures['pages_sharing_title_with_2plus_in_language']}; "
          f"queries left out (several pages share them): {figures['ambiguous_queries_left_out']}")
    print("| lang | title answer@1 | n | description answer@1 | n |")
    print("|---|---|---|---|---|")
    for lang, _ in roots:
        t = found.get((lang, "title"), (0, 0))
        d = found.get((lang, "description"), (0, 0))
        cell = lambda x: f"{x[0] / x[1]:.3f}" if x[1] else "–"
        print(f"| {lang} | {cell(t)} | {t[1]} | {cell(d)} | {d[1]} |")


if __name__ == "__main__":
    main()
