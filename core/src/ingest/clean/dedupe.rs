//! Step 6 of cleaning: duplicates. A finished sentence seen verbatim earlier in the article
//! ("repeated-sentence"), a near-verbatim repeat of one of the two sentences before it
//! ("near-repeated-sentence", bigram Dice ≥ 0.8) and an unfinished fragment that is verbatim the
//! next heading ("glued-next-heading") are removed; headings and questions never are.

use std::collections::HashSet;

use super::{Ctx, RemovalReason};
use crate::ingest::sentences::sentence_spans;
use crate::ingest::text::{
    collapse_ws, ends_question, ends_terminal, explicit_heading, heading_shaped, heading_text,
    list_marker, wider_than,
};

/// Two sentences that differ by small edits: same start and end, bigram Dice ≥ 0.8.
fn near_dup(a: &str, b: &str) -> bool {
    let (ca, cb) = (a.chars().count(), b.chars().count());
    if ca < 20 || cb < 20 || ca > 400 || cb > 400 || ca.min(cb) * 10 < ca.max(cb) * 8 {
        return false;
    }
    let la: Vec<char> = a.to_lowercase().chars().collect();
    let lb: Vec<char> = b.to_lowercase().chars().collect();
    if la.len() < 3
        || lb.len() < 3
        || la[..2] != lb[..2]
        || la[la.len() - 3..] != lb[lb.len() - 3..]
    {
        return false;
    }
    let mut ga: Vec<(char, char)> = la.windows(2).map(|w| (w[0], w[1])).collect();
    let mut gb: Vec<(char, char)> = lb.windows(2).map(|w| (w[0], w[1])).collect();
    ga.sort_unstable();
    gb.sort_unstable();
    let (mut x, mut y, mut common) = (0, 0, 0);
    while x < ga.len() && y < gb.len() {
        match ga[x].cmp(&gb[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                x += 1;
                y += 1;
            }
        }
    }
    common * 2 * 10 >= (ga.len() + gb.len()) * 8
}

pub(super) fn dedupe(ctx: &mut Ctx) {
    let n = ctx.lines.len();
    let mut next_live = vec![usize::MAX; n];
    let mut nxt = usize::MAX;
    for i in (0..n).rev() {
        next_live[i] = nxt;
        if ctx.lines[i].live() {
            nxt = i;
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    for (i, &j) in next_live.iter().enumerate() {
        let l = &ctx.lines[i];
        if !l.live() || l.code {
            continue;
        }
        let text = l.text.clone();
        if explicit_heading(&text).is_some() || heading_shaped(&text) {
            continue;
        }
        let mlen = list_marker(&text).unwrap_or(0);
        let (marker, content) = text.split_at(mlen);
        let spans = sentence_spans(content);
        if spans.is_empty() || (spans.len() == 1 && ends_question(content)) {
            continue;
        }
        let mut keep = vec![true; spans.len()];
        let mut removals: Vec<(usize, &'static str)> = Vec::new();
        if spans.len() >= 2 {
            let last = spans.len() - 1;
            let frag = &content[spans[last].0..spans[last].1];
            if !ends_terminal(frag, true, true) && j != usize::MAX {
                let nt = &ctx.lines[j].text;
                if (heading_shaped(nt) || explicit_heading(nt).is_some())
                    && collapse_ws(heading_text(nt)) == collapse_ws(frag)
                {
                    keep[last] = false;
                    removals.push((last, "glued-next-heading"));
                }
            }
        }
        let mut recent: Vec<usize> = Vec::new();
        for (k, &(s, e)) in spans.iter().enumerate() {
            if !keep[k] {
                continue;
            }
            let sent = &content[s..e];
            if !ends_terminal(sent, true, false) || !wider_than(sent, 15) {
                continue;
            }
            let key = collapse_ws(sent);
            if seen.contains(&key) {
                keep[k] = false;
                removals.push((k, "repeated-sentence"));
                continue;
            }
            if recent
                .iter()
                .rev()
                .take(2)
                .any(|&r| near_dup(&content[spans[r].0..spans[r].1], sent))
            {
                keep[k] = false;
                removals.push((k, "near-repeated-sentence"));
                continue;
            }
            seen.insert(key);
            recent.push(k);
        }
        if removals.is_empty() {
            continue;
        }
        let no = ctx.lines[i].no;
        removals.sort_by_key(|r| r.0);
        for &(k, rule) in &removals {
            ctx.note(
                no,
                content[spans[k].0..spans[k].1].to_string(),
                RemovalReason::Duplicate,
                rule,
            );
        }
        let mut out = String::new();
        let mut prev_end = 0;
        for (k, &(s, e)) in spans.iter().enumerate() {
            if keep[k] {
                if !out.is_empty() {
                    out.push_str(&content[prev_end..s]);
                }
                out.push_str(&content[s..e]);
            }
            prev_end = e;
        }
        let line = &mut ctx.lines[i];
        if out.trim().is_empty() {
            line.gone = true;
        } else {
            line.text = format!("{marker}{}", out.trim());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::model;
    use super::super::{ChromeModel, RemovalReason, clean};
    use crate::ingest::seed_fixtures::S0;
    #[test]
    fn seed_000_duplicates() {
        let c = clean(S0, None, &model());
        // The next heading glued onto the end of a paragraph is removed from the paragraph only.
        assert!(
            c.removed
                .iter()
                .any(|r| r.line == 141 && r.rule == "glued-next-heading" && r.text == "利用技術")
        );
        assert!(
            c.removed
                .iter()
                .any(|r| r.line == 149 && r.rule == "glued-next-heading")
        );
        assert!(
            c.body
                .contains("並竭盡所能解決他們的問題。\n\n利用技術\n\n利用最新的工具")
        );
        // A near-verbatim repeat in the same paragraph: the first stays.
        assert!(
            c.removed
                .iter()
                .any(|r| r.line == 137 && r.rule == "near-repeated-sentence")
        );
        assert!(
            c.body
                .contains("參加研討會、參加行業會議並參與持續學習,以提升您的技能和知識。")
        );
        assert!(!c.body.contains("出席行業會議"));
    }

    #[test]
    fn verbatim_repeats_removed_first_kept() {
        let body = "Intro\n\nThe app syncs every hour. You can change this in Settings. The app syncs every hour.\n\n同步每小时进行一次。可以在设置中修改。同步每小时进行一次。\n\nLater\n\nYou can change this in Settings. New text here.";
        let c = clean(body, Some("Sync"), &ChromeModel::default());
        assert_eq!(c.body.matches("The app syncs every hour.").count(), 1);
        assert_eq!(c.body.matches("同步每小时进行一次。").count(), 1);
        assert_eq!(
            c.body.matches("You can change this in Settings.").count(),
            1
        );
        assert!(c.body.contains("New text here."));
        assert_eq!(
            c.removed
                .iter()
                .filter(|r| r.reason == RemovalReason::Duplicate)
                .count(),
            3
        );
        // Headings and short sentences are not deduplicated.
        let c = clean(
            "Setup\n\nDo it. Yes.\n\nSetup\n\nAgain. Yes.",
            None,
            &ChromeModel::default(),
        );
        assert_eq!(
            c.body.matches("Setup").count(),
            1 + usize::from(c.title.is_none())
        );
        assert_eq!(c.body.matches("Yes.").count(), 2);
    }
}
