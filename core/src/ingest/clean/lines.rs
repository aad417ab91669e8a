//! Step 1 of cleaning: the body split into lines (fences kept as code), literal `\n` escapes
//! split or dropped ("literal-escape"), lone backslashes ("lone-backslash"), bullets such as `•`
//! normalized to `- `, wiki-markup headings to `#` headings; then the artifact pass: empty list items, lines without text, list markers
//! dangling after a sentence, emoji and symbols in heading-shaped lines ("heading-symbols").

use super::{Ctx, Ln, RemovalReason};
use crate::ingest::text::{
    BULLETS, ends_terminal, explicit_heading, heading_shaped, is_decorative, is_fence, list_marker,
    strip_decorative, trim_line, wiki_heading,
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
                nested: false,
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
                nested: false,
            });
            continue;
        }
        let blank = Ln {
            no,
            text: String::new(),
            gone: false,
            code: false,
            nested: false,
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
            let text = normalize_bullet(t);
            let nested = raw.starts_with(char::is_whitespace) && list_marker(&text).is_some();
            ctx.lines.push(Ln {
                no,
                text,
                gone: false,
                code: false,
                nested,
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
                    nested: false,
                });
            } else if p.chars().all(|c| c == '\\') {
                ctx.note(no, p.to_string(), RemovalReason::Artifact, "lone-backslash");
            } else {
                ctx.lines.push(Ln {
                    no,
                    text: normalize_bullet(p),
                    gone: false,
                    code: false,
                    nested: false,
                });
            }
        }
    }
}

/// Wiki-markup headings left in the text (a wiki's source exported or scraped as text) become
/// `#` headings, so the title and sections are found as in Markdown: MediaWiki's `== Section ==`
/// is level 2 (as many levels as signs), DokuWiki's `====== Title ======` level 1 (fewer signs
/// for lower levels, down to `==` for level 5). A page is taken for DokuWiki's when one of its
/// headings has five or six signs, which MediaWiki pages hardly use.
pub(super) fn wiki_headings(ctx: &mut Ctx) {
    let found: Vec<(usize, usize)> = (0..ctx.lines.len())
        .filter(|&i| ctx.lines[i].live() && !ctx.lines[i].code)
        .filter_map(|i| wiki_heading(&ctx.lines[i].text).map(|(signs, _)| (i, signs)))
        .collect();
    let dokuwiki = found.iter().any(|&(_, signs)| signs >= 5);
    for (i, signs) in found {
        let level = if dokuwiki { 7 - signs } else { signs };
        if let Some((_, text)) = wiki_heading(&ctx.lines[i].text) {
            ctx.lines[i].text = format!("{} {text}", "#".repeat(level));
        }
    }
}

/// Image file extensions whose names, left alone on a line, are a picture's stand-in.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "avif"];

/// A line that only names a picture: an image file or address (`Picture5.png`,
/// `z2350446180825_ab.jpg`, `https://…/x.webpwebp`) or the word "image" standing in for one
/// ("image", "image image image").
fn is_image_name(t: &str) -> bool {
    if t.split_whitespace()
        .all(|w| w.eq_ignore_ascii_case("image"))
    {
        return true;
    }
    if t.contains(char::is_whitespace) || t.len() > 512 {
        return false;
    }
    let Some((stem, ext)) = t.rsplit_once('.') else {
        return false;
    };
    let ext = ext.to_ascii_lowercase();
    !stem.is_empty()
        && IMAGE_EXTENSIONS
            .iter()
            .any(|e| ext == *e || ext.strip_prefix(e) == Some(e))
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
        if is_image_name(&t) {
            ctx.remove(i, RemovalReason::Artifact, "image-name");
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
    fn picture_names_left_as_lines_are_artifacts() {
        let body = "Kiểm tra bảo hành\n\nNhập số serial của thiết bị vào ô tìm kiếm.\nPicture5.png\nz2350446180825_3f1.jpg\nimage image image\nhttps://helpcenter.example.com/uploads/lMmSXVRG.webpwebp\nNhấn Tra cứu để xem thời hạn bảo hành.\nconfig.json\nScreenshot of the dialog.png is below";
        let c = clean(body, None, &ChromeModel::default());
        let gone: Vec<&str> = (c.removed.iter())
            .filter(|r| r.rule == "image-name")
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(
            gone,
            [
                "Picture5.png",
                "z2350446180825_3f1.jpg",
                "image image image",
                "https://helpcenter.example.com/uploads/lMmSXVRG.webpwebp"
            ]
        );
        // Not a picture's name alone: a file name of another kind, a sentence naming one.
        assert!(c.body.contains("config.json") && c.body.contains("dialog.png is below"));
    }

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
