#!/usr/bin/env python3
"""Write the fuzz seeds, one folder per target.

    python3 fuzz/make_seeds.py               # fuzz/seeds/ (committed): the hand-written inputs
    python3 fuzz/make_seeds.py --from-corpus DIR
        # DIR/<target>/: the inputs built from the sample corpus (corpus/articles/*.txt,
        # corpus/queries.jsonl), not committed; scripts/fuzz.sh writes them to
        # fuzz/seeds-from-corpus/ before every run, so the seeds never copy the corpus files.
"""
import json, os, glob, shutil, sys
root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
args = sys.argv[1:]
FROM_CORPUS = args[:1] == ['--from-corpus'] and len(args) == 2
if args and not FROM_CORPUS:
    sys.exit(__doc__)
S = os.path.abspath(args[1]) if FROM_CORPUS else os.path.join(root, 'fuzz/seeds')
shutil.rmtree(S, ignore_errors=True)
def put(target, name, data):
    """A hand-written seed (fuzz/seeds/)."""
    if FROM_CORPUS: return
    d = os.path.join(S, target); os.makedirs(d, exist_ok=True)
    if isinstance(data, str): data = data.encode('utf-8')
    open(os.path.join(d, name), 'wb').write(data)
def put_from_corpus(target, name, data):
    """A seed built from the sample corpus (--from-corpus DIR only)."""
    if not FROM_CORPUS: return
    d = os.path.join(S, target); os.makedirs(d, exist_ok=True)
    if isinstance(data, str): data = data.encode('utf-8')
    open(os.path.join(d, name), 'wb').write(data)

articles = sorted(glob.glob(os.path.join(root, 'corpus/articles/*.txt')))
texts = [open(a, encoding='utf-8').read() for a in articles]
queries = [json.loads(l)['query'] for l in open(os.path.join(root, 'corpus/queries.jsonl'), encoding='utf-8') if l.strip()]

# ---- txt
for i, t in enumerate(texts): put_from_corpus('ingest_txt', f'article{i}.txt', t)
put('ingest_txt', 'crlf.txt', 'Title\r\n\r\nLine one.\rLine two\\n\\\\\r\n问:什么?\r\n答:这个。')
put('ingest_txt', 'bom.txt', '\ufeffБюджет\n\nМенеджер керує бюджетом.')

# ---- markdown
md = {
 'front.md': '---\nid: kb-1\ntitle: "Customer service"\nlang: en\nurl: https://x.invalid/a\nupdated: 2025-05-06T10:00:00Z\ntags:\n  - support\n  - " team "\n---\n# Customer service\n\nThe **manager** plans the _budget_.\n\n## Duties\n\n- Train: the team\n- Plan: the budget\n\n### FAQ\n\nWhat is a KPI?\nA key performance indicator.\n',
 'zh.md': '---\ntitle: 客服经理\ndate: 2025-01-02\ntags: [客服, 管理]\n---\n\n# 客服经理\n\n引言\n\n客服经理负责管理客户服务团队。\n\n1. 培训\n2. 绩效考核\n\n> 引用\n\n问:什么是KPI?\n答:关键绩效指标。\n',
 'table.md': '| Cột | Giá trị |\n|---|---|\n| Dịch vụ | Hỗ trợ khách hàng |\n| `code` | [link](http://x) |\n\nTerm\n: Definition\n\n```rust\nfn main() {}\n```\n\n~~~\nfenced\n~~~\n',
 'html.md': '<div class="nav">Back to Reference</div>\n\n# Що таке бюджет?\n\nМенеджер керує бюджетом і зворотним зв’язком.<br>\n\n<script>alert(1)</script>\n\n* * *\n\n![img](a.png) [^1]\n\n[^1]: footnote\n',
 'nested.md': '- a\n  - b\n    - c\n      1. d\n\n> > quote *em **strong***\n\nSetext\n======\n\nSub\n---\n\n    indented code\n\n- [ ] task\n- [x] done\n',
}
for k, v in md.items(): put('ingest_markdown', k, v)

# ---- html
html = {
 'page.html': '<!DOCTYPE html><html lang="zh-Hant"><head><title>客戶服務 | Site</title><meta property="article:modified_time" content="2025-05-06T10:00:00Z"><style>p{}</style><script>var x="<p>";</script></head><body><nav><a href="/">Home</a> <a>Back to Reference</a></nav><main><article><h1>什麼是客戶服務運營經理?</h1><p>客戶服務運營經理在確保公司客戶服務部門順利運行。</p><h2>責任</h2><ul><li><strong>預算:</strong> 預測財務需求</li><li>培訓</li></ul><h3>常見問題</h3><dl><dt>什麼是KPI?</dt><dd>關鍵績效指標。</dd></dl></article></main><footer>© 2025</footer></body></html>',
 'table.html': '<html><body><h1>Dịch vụ</h1><table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>Hỗ trợ</td><td>khách hàng</td></tr><tr><td colspan=2>x</td></tr></tbody></table><pre><code>fn main() {}</code></pre><p>Line<br>break &amp; &lt;tag&gt; &#x1F511; &nbsp;</p></body></html>',
 'broken.html': '<p>Unclosed <b>bold <i>italic<div>Менеджер керує <a href="x">бюджетом</p></b><!-- comment --><![CDATA[x]]><template><p>t</p></template><iframe>f</iframe><noscript>n</noscript>',
 'uk.html': '<html lang="uk"><head><title>Бюджет</title></head><body><header>Menu</header><h1>Що таке бюджет?</h1><section><h2>Вступ</h2><p>Менеджер керує бюджетом.</p><ol><li>Перший</li><li>Другий<ul><li>Вкладений</li></ul></li></ol><blockquote>Цитата</blockquote></section><aside>Related</aside></body></html>',
}
for k, v in html.items(): put('ingest_html', k, v)

# ---- json / jsonl
one = {"id": "kb-1", "title": "客服经理是什么?", "body": "客服经理是负责统筹和管理客户服务团队的关键管理岗位。\r\n问:需要哪些技能?", "lang": "zh-Hans", "url": "https://x.invalid/zh", "tags": ["客服", " 管理 ", ""], "updated": "2025-05-06T10:00:00Z", "author": {"name": "x"}}
arr = [
 {"id": "en-1", "title": "What is a Customer Service Operations Manager?", "text": "This role involves strategic planning."},
 {"id": "en-2", "title": 17, "body": "Overseeing daily operations."},
 {"id": "uk-1", "content": "Менеджер відіграє важливу роль.", "tags": "підтримка, клієнти"},
 "not an object",
 {"id": "en-5", "title": "No body here"},
 {"id": "en-6", "body": "Bad date", "updated": "yesterday"},
 {"id": 42, "body": "Dịch vụ khách hàng 🔑", "lang": "vi"},
]
put('ingest_json', 'one.json', json.dumps(one, ensure_ascii=False))
put('ingest_json', 'array.json', json.dumps(arr, ensure_ascii=False, indent=1))
put('ingest_json', 'escapes.json', '{"id": "e", "body": "a\\u0000b \\ud800 \\udc00\\ud83d\\udd11 \\n\\t\\"\\\\ \\u202e"}')
put_from_corpus('ingest_json', 'article.json', json.dumps({"id": "a", "title": "", "body": texts[3][:3000]}, ensure_ascii=False))
put('ingest_jsonl', 'lines.jsonl', '\n'.join(json.dumps(a, ensure_ascii=False) for a in arr) + '\n{bad json\n\n[1,2]\n')
put('ingest_jsonl', 'escapes.jsonl', '{"id": "e", "body": "\\ud800x"}\r\n{"id": "f", "body": "ok", "tags": [1]}\n{"id":"g","body":"x","lang":"klingon"}\n')
put_from_corpus('ingest_jsonl', 'articles.jsonl', '\n'.join(json.dumps({"id": f"a{i}", "body": t[:2000]}, ensure_ascii=False) for i, t in enumerate(texts)))

# ---- prepare: mode byte + bodies separated by 0x1E
for i, t in enumerate(texts): put_from_corpus('prepare', f'article{i}', bytes([i % 4]) + t.encode())
put_from_corpus('prepare', 'chrome', b'\x01' + '\x1e'.join(t[:1500] for t in texts).encode())
put('prepare', 'md', b'\x02' + md['front.md'].encode() + b'\x1e' + md['nested.md'].encode())
put('prepare', 'faq', b'\x00' + 'Key takeaways\n\n- Label: text\n- **Бюджет:** план\n\nQ: What?\nA: This.\n\nHỏi: Gì?\nTrả lời: Đây.\n\n相关问答FAQs:\n什么是KPI？\n关键绩效指标。\n\n結論\n\nXX min read\nMay 6, 2025\n\\n\\\n'.encode())

# ---- analyzers
samples = {
 'zh_hans': ['客服经理负责管理客户服务团队的组建、培训、绩效考核及日常管理。', '通过设定明确的KPI和Salesforce工具,提升客户满意度。', '什么是客户服务运营经理?'],
 'zh_hant': ['客戶服務運營經理在確保公司客戶服務部門順利運行和高效運作中發揮著關鍵作用。', '「績效監控」這段話出自哪裡?', '什麼是質量保證? ＰｌａｙＶｏｘ'],
 'uk': ['Менеджер керує бюджетом і зворотним зв’язком.', 'Що таке зворотній звʼязок? ЗВ`ЯЗКУ', 'Обов\'язки менеджера з обслуговування клієнтів.'],
 'vi': ['Nhân viên hỗ trợ khách hàng qua điện thoại.', 'Vie\u0302\u0323t Nam dich vu khach hang', 'Một Manager đóng một vai trò quan trọng. This role involves strategic planning.'],
 'en': ["The manager's job: plan the budget, train the team.", 'CUSTOMER Service e.g. 1.5 ＫＰＩ ﬁle ß İ ǅ', 'What is a Customer Service Operations Manager?'],
}
for lang, ss in samples.items():
    for i, s in enumerate(ss): put(f'analyze_{lang}', f's{i}', s)
    put_from_corpus(f'analyze_{lang}', 'article', texts[{'zh_hans':1,'zh_hant':0,'uk':3,'vi':4,'en':4}[lang]][:4000])
for i, ss in enumerate(samples.values()):
    put('analyze_auto', f'mixed{i}', ' '.join(ss))
put('analyze_auto', 'hostile', 'a\u0300\u0300\u0300 \u202e\u200d 🔑🥡🍕 𠀀〇 \ufffe\uffff \\n ~2 ^3 field: AND OR NOT * "«」')

# ---- snippet: lang byte + query 0x1F passage
for i, (q, t) in enumerate([(queries[0], texts[0]), (queries[10], texts[1]), ('зворотній зв\'язок', texts[3]), ('dao tao', texts[4]), ('customer SATISFACTION', texts[4])]):
    put_from_corpus('snippet', f's{i}', bytes([[1,0,2,3,4][i]]) + q.encode() + b'\x1f' + t[:3000].encode())

# ---- query: lang byte, sizes byte, query
hostile = ['客户服务 AND NOT "運營經理" OR title:预算^3 ~2 *', '(((budget)))[[]]{}', 'field:value:other::', '"unterminated', '\u0000\u0001\u0002\u001b[31m', '\u202e\ufeff\u200d', 'a' * 200, '?' * 50, '「引號」«quoted»“curly”']
for i, q in enumerate(queries[:20] + hostile):
    (put_from_corpus if i < 20 else put)('query', f'q{i:02}', bytes([i % 12, (i * 37) % 256]) + q.encode())

# ---- query_json_escape: inside of a JSON string literal, or a whole SearchRequest object
esc = ['\\ud800', '\\udc00abc', '\\ud83d\\udd11 客户', 'abc\\u0000def', '\\"quoted\\" \\\\ \\/ \\b\\f\\n\\r\\t', 'budget\\ud800\\ud800\\udfff', '\\u5ba2\\u6237\\u670d\\u52a1']
for i, e in enumerate(esc): put('query_json_escape', f'e{i}', e)
put('query_json_escape', 'request', json.dumps({"query": "Що таке бюджет?", "limit": 5, "lang": "uk", "passages_per_article": 2, "snippets": True}, ensure_ascii=False))
put('query_json_escape', 'request_bad', '{"query": "\\ud800 budget", "limit": 0, "lang": "zh-TW", "passages_per_article": 0}')
