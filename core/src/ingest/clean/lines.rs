//! Step 1 of cleaning: the body split into lines (fences kept as code), literal `\n` escapes
//! split or dropped ("literal-escape"), lone backslashes ("lone-backslash"), bullets such as `•`
//! normalized to `- `; then the artifact pass: empty list items, lines without text, list markers
//! dangling after a sentence, emoji and symbols in heading-shaped lines ("heading-symbols").

use super::{Ctx, Ln, RemovalReason};
use crate::ingest::text::{
    BULLETS, ends_terminal, explicit_heading, heading_shaped, is_decorative, is_fence,
    strip_decorative, trim_line,
};

/// Splits a line at literal `\n` escapes; returns the pieces and the escapes found.
fn split_literal_escapes(t: &str) -> (Vec<&str>, usize) {
    let b = t.as_bytes();
    let mut pieces = Vec::new();
    let mut count = 0;
    let mut start = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\\' && (b[i + 1] == b'n' || b[i + 1] == b'r') {
            let prev = if i > 0 { Some(b[i - 1]) } else { None };
            let next = b.get(i + 2).copied();
            let pathlike = matches!(prev, Some(p) if p.is_ascii_alphanumeric() || p == b':' || p == b'\\' || p == b'/')
                && matches!(next, Some(n) if n.is_ascii_lowercase() || n.is_ascii_digit() || n == b'_');
            if !pathlike {
                pieces.push(&t[start..i]);
                count += 1;
                i += 2;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    pieces.push(&t[start..]);
    (pieces, count)
}

pub(super) fn normalize_bullet(t: &str) -> String {
    let mut cs = t.chars();
    if let Some(c) = cs.next()
        && c != '-'
        && BULLETS.contains(&c)
    {
        let rest = cs.as_str();
        if rest.is_empty() {
            return "-".to_string();
        }
        if rest.starts_with(char::is_whitespace) && (c != '*' || !rest.trim().is_empty()) {
            return format!("- {}", rest.trim_start());
        }
    }
    t.to_string()
}

pub(super) fn split_lines(body: &str, ctx: &mut Ctx) {
    let mut in_fence = false;
    for (i, raw) in body.split('\n').enumerate() {
        let no = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let t = trim_line(raw);
        if is_fence(t) {
            ctx.lines.push(Ln {
                no,
                text: t.to_string(),
                gone: false,
                code: true,
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            ctx.lines.push(Ln {
                no,
                text: raw.trim_end().to_string(),
                gone: false,
                code: true,
            });
            continue;
        }
        let blank = Ln {
            no,
            text: String::new(),
            gone: false,
            code: false,
        };
        if t.is_empty() {
            ctx.lines.push(blank);
            continue;
        }
        if t.chars().all(|c| c == '\\' || c.is_whitespace()) {
            ctx.note(no, t.to_string(), RemovalReason::Artifact, "lone-backslash");
            ctx.lines.push(blank);
            continue;
        }
        let (pieces, escapes) = split_literal_escapes(t);
        if escapes == 0 {
            ctx.lines.push(Ln {
                no,
                text: normalize_bullet(t),
                gone: false,
                code: false,
            });
            continue;
        }
        let any_text = pieces.iter().any(|p| !trim_line(p).is_empty());
        let noted = if any_text {
            "\\n".repeat(escapes)
        } else {
            t.to_string()
        };
        ctx.note(no, noted, RemovalReason::Artifact, "literal-escape");
        if !any_text {
            ctx.lines.push(blank);
            continue;
        }
        for p in pieces {
            let p = trim_line(p);
            if p.is_empty() {
                ctx.lines.push(Ln {
                    no,
                    text: String::new(),
                    gone: false,
                    code: false,
                });
            } else if p.chars().all(|c| c == '\\') {
                ctx.note(no, p.to_string(), RemovalReason::Artifact, "lone-backslash");
            } else {
                ctx.lines.push(Ln {
                    no,
                    text: normalize_bullet(p),
                    gone: false,
                    code: false,
                });
            }
        }
    }
}

pub(super) fn artifact_pass(ctx: &mut Ctx) {
    for i in 0..ctx.lines.len() {
        if !ctx.lines[i].live() || ctx.lines[i].code {
            continue;
        }
        let t = ctx.lines[i].text.clone();
        if t.len() <= 4
            && t.chars().count() == 1
            && BULLETS.contains(&t.chars().next().unwrap_or(' '))
        {
            ctx.remove(i, RemovalReason::Artifact, "empty-list-item");
            continue;
        }
        if !t.chars().any(char::is_alphanumeric) && !t.contains('|') {
            ctx.remove(i, RemovalReason::Artifact, "no-text");
            continue;
        }
        let mut text = t.clone();
        // A list marker left dangling after a finished sentence: "…重要。 -".
        for m in [" -", " •", " *", " –"] {
            if let Some(head) = text.strip_suffix(m) {
                let head = head.trim_end();
                if ends_terminal(head, true, false) {
                    let no = ctx.lines[i].no;
                    ctx.note(
                        no,
                        m.trim().to_string(),
                        RemovalReason::Artifact,
                        "dangling-list-marker",
                    );
                    text = head.to_string();
                }
                break;
            }
        }
        if text.len() <= 1024 && text.chars().any(is_decorative) {
            let (prefix, inner) = match explicit_heading(&text) {
                Some((level, h)) => ("#".repeat(level) + " ", h.to_string()),
                None => (String::new(), text.clone()),
            };
            let (stripped, symbols) = strip_decorative(&inner);
            if !stripped.is_empty() && (!prefix.is_empty() || heading_shaped(&stripped)) {
                let no = ctx.lines[i].no;
                ctx.note(no, symbols, RemovalReason::Artifact, "heading-symbols");
                text = prefix + &stripped;
            }
        }
        ctx.lines[i].text = text;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ChromeModel, clean};
    #[test]
    fn literal_escapes() {
        let c = clean(
            "Intro\n\nFirst part.\\nSecond part here.\n\\n\\n\nThird.\nPath C:\\new folder\\names stays",
            None,
            &ChromeModel::default(),
        );
        assert!(!c.body.contains("\\n\\n"));
        assert!(c.body.contains("First part.\nSecond part here."));
        assert!(c.body.contains("C:\\new folder\\names"));
        assert_eq!(
            c.removed
                .iter()
                .filter(|r| r.rule == "literal-escape")
                .count(),
            2
        );
    }
}
