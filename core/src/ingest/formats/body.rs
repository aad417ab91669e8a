//! The light-Markdown builder shared by the Markdown and HTML readers: structure events (blocks,
//! headings, list items, table rows and cells, preformatted text) and text in, a light-Markdown
//! body out (headings as `#`, list items as `- `, rows joined by ` | `, code fenced).

/// How a structural element (HTML element or Markdown tag) affects the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::ingest) enum Action {
    /// Inline: no effect on structure.
    Inline,
    /// A structural element inside a heading or table cell: only a word boundary.
    Space,
    /// A block: its text becomes a paragraph.
    Block,
    /// A heading of this level (1–6).
    Heading(u8),
    /// A list item: its first paragraph becomes `- text`.
    Item,
    /// A one-line block (dt/dd): consecutive ones are not separated by blank lines.
    Line,
    /// A table row: cells joined by " | ".
    Row,
    /// A table cell.
    Cell,
    /// Preformatted text: lines kept as they are.
    Pre,
}

/// What kind of block ended up in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    Heading(u8),
    /// A list item; `true` inside another list item.
    Item(bool),
    Line,
    /// Preformatted text, rendered as a ```` ``` ```` fenced block: never cleaned or sectioned.
    Code,
    /// Where a reader dropped a block (not rendered; see [`Body::gap`]).
    Gap,
    /// A paragraph that only labels what follows ("Read also:", a bold one-liner; see
    /// [`Body::label`]); rendered as a paragraph.
    Label,
    /// A short paragraph that sends the reader to a social network, an app store or e-mail
    /// ("Follow us on …"; see [`Body::outbound`]); rendered as a paragraph.
    Outbound,
}

/// Accumulates text and structure events and renders light Markdown.
#[derive(Debug, Default)]
pub(in crate::ingest) struct Body {
    blocks: Vec<(Kind, String)>,
    /// Text of the block being built; `\n` marks an explicit line break, other whitespace is ' '.
    buf: String,
    /// > 0 inside a heading or table cell: inner structure is flattened into one line.
    capture: usize,
    /// > 0 inside preformatted text.
    pre: usize,
    /// > 0 inside a dt/dd-like one-line block.
    lines: usize,
    /// A list item started and its first text has not been emitted yet.
    pending_item: bool,
    /// List items open around the text (more than one: a sub-item).
    items: usize,
    /// Cells of the table row being built.
    row: Option<Vec<String>>,
    /// Text of the first level-1 heading.
    first_h1: Option<String>,
    /// The block being built is a label ([`Body::label`]).
    label: bool,
    /// The block being built is an outbound call ([`Body::outbound`]).
    outbound: bool,
}

impl Body {
    /// Start a structural element; returns the action to pass to [`Body::close`].
    pub(in crate::ingest) fn open(&mut self, action: Action) -> Action {
        if matches!(action, Action::Inline | Action::Space) {
            return action;
        }
        if self.capture > 0 {
            self.buf.push(' ');
            return Action::Space;
        }
        self.flush();
        match action {
            Action::Heading(_) | Action::Cell => self.capture += 1,
            Action::Item => {
                self.pending_item = true;
                self.items += 1;
            }
            Action::Line => self.lines += 1,
            Action::Row => self.row = Some(Vec::new()),
            Action::Pre => self.pre += 1,
            Action::Inline | Action::Space | Action::Block => {}
        }
        action
    }

    /// End a structural element opened with [`Body::open`].
    pub(in crate::ingest) fn close(&mut self, action: Action) {
        match action {
            Action::Inline => {}
            Action::Space => self.buf.push(' '),
            Action::Block => self.flush(),
            Action::Heading(level) => {
                self.capture -= 1;
                let text = one_line(&std::mem::take(&mut self.buf));
                if !text.is_empty() {
                    if level == 1 && self.first_h1.is_none() {
                        self.first_h1 = Some(text.clone());
                    }
                    self.blocks.push((Kind::Heading(level), text));
                }
            }
            Action::Cell => {
                self.capture -= 1;
                let text = one_line(&std::mem::take(&mut self.buf));
                match &mut self.row {
                    _ if text.is_empty() => {}
                    Some(cells) => cells.push(text),
                    None => self.blocks.push((Kind::Para, text)),
                }
            }
            Action::Item => {
                self.flush();
                self.pending_item = false;
                self.items = self.items.saturating_sub(1);
            }
            Action::Line => {
                self.flush();
                self.lines -= 1;
            }
            Action::Row => {
                self.flush();
                if let Some(cells) = self.row.take().filter(|cells| !cells.is_empty()) {
                    self.blocks.push((Kind::Line, cells.join(" | ")));
                }
            }
            Action::Pre => {
                self.flush();
                self.pre -= 1;
            }
        }
    }

    /// Append text (whitespace collapsed later unless inside preformatted text).
    pub(in crate::ingest) fn text(&mut self, text: &str) {
        if self.pre > 0 && self.capture == 0 {
            self.buf.push_str(text);
        } else {
            self.buf.extend(
                text.chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c }),
            );
        }
    }

    /// An explicit line break (`<br>`, Markdown hard break).
    pub(in crate::ingest) fn line_break(&mut self) {
        self.buf.push(if self.capture > 0 { ' ' } else { '\n' });
    }

    /// Emit the buffered text as a block (paragraph, list item or line).
    pub(in crate::ingest) fn flush(&mut self) {
        let raw = std::mem::take(&mut self.buf);
        let label = std::mem::take(&mut self.label);
        let outbound = std::mem::take(&mut self.outbound);
        let text = if self.pre > 0 {
            pre_text(&raw)
        } else {
            collapse_lines(&raw)
        };
        if text.is_empty() {
            return;
        }
        let kind = if self.pre > 0 {
            Kind::Code
        } else if self.pending_item {
            self.pending_item = false;
            Kind::Item(self.items > 1)
        } else if self.lines > 0 {
            Kind::Line
        } else if label {
            Kind::Label
        } else if outbound {
            Kind::Outbound
        } else {
            Kind::Para
        };
        let text = match kind {
            Kind::Para | Kind::Label | Kind::Outbound => defuse_heading_lines(&text),
            Kind::Code => text,
            _ => text.replace('\n', " "),
        };
        self.blocks.push((kind, text));
    }

    /// Mark the place of a block the reader dropped (nothing is rendered for it).
    pub(in crate::ingest) fn gap(&mut self) {
        if self.capture > 0 {
            return;
        }
        self.flush();
        if self
            .blocks
            .last()
            .is_some_and(|(kind, _)| *kind != Kind::Gap)
        {
            self.blocks.push((Kind::Gap, String::new()));
        }
    }

    /// The block just opened only labels what follows (a reader's judgement: a short
    /// bold-only paragraph, or a short one ending in a colon); [`Body::drop_orphan_headings`]
    /// drops it when what it labels was dropped.
    pub(in crate::ingest) fn label(&mut self) {
        if self.capture == 0 && self.pre == 0 {
            self.label = true;
        }
    }

    /// The block just opened is a short call to follow the site elsewhere (a reader's
    /// judgement from its links); dropped by [`Body::drop_orphan_headings`] when only such
    /// calls, labels, headings and gaps follow it to the end of the body.
    pub(in crate::ingest) fn outbound(&mut self) {
        if self.capture == 0 && self.pre == 0 {
            self.outbound = true;
        }
    }

    /// Remove the trailing outbound calls ([`Body::outbound`]: nothing but such calls,
    /// labels, headings and gaps after them), leaving gaps; then the labels ([`Body::label`]) followed only by gaps up to the next heading or
    /// label, or the end of the body ("Read also:" over a dropped link list); then the
    /// headings (level 2 and below) whose whole section was dropped: only gaps follow them up
    /// to the next heading of the same or a higher level, or the end of the body ("Related
    /// articles" over a dropped link list). Returns their texts.
    pub(in crate::ingest) fn drop_orphan_headings(&mut self) -> Vec<String> {
        self.flush();
        let mut orphans = Vec::new();
        for at in (0..self.blocks.len()).rev() {
            match self.blocks[at].0 {
                Kind::Outbound => {
                    let (_, text) =
                        std::mem::replace(&mut self.blocks[at], (Kind::Gap, String::new()));
                    orphans.push(text);
                }
                Kind::Gap | Kind::Label | Kind::Heading(_) => {}
                _ => break,
            }
        }
        let mut labels = Vec::new();
        for (at, (kind, _)) in self.blocks.iter().enumerate() {
            if *kind != Kind::Label {
                continue;
            }
            if self.only_gaps_until(at, |next| matches!(next, Kind::Heading(_) | Kind::Label)) {
                labels.push(at);
            }
        }
        for at in labels {
            let (_, text) = std::mem::replace(&mut self.blocks[at], (Kind::Gap, String::new()));
            orphans.push(text);
        }
        let mut keep = vec![true; self.blocks.len()];
        for (at, (kind, text)) in self.blocks.iter().enumerate() {
            let Kind::Heading(level) = *kind else {
                continue;
            };
            if level == 1 {
                continue;
            }
            if self.only_gaps_until(at, |next| matches!(next, Kind::Heading(l) if l <= level)) {
                keep[at] = false;
                orphans.push(text.clone());
            }
        }
        let mut keep = keep.into_iter();
        self.blocks.retain(|_| keep.next().unwrap_or(true));
        orphans
    }

    /// True when at least one gap follows block `at` and nothing but gaps up to the end of
    /// the body or to a block of a kind that `closes` (the section of block `at` was dropped).
    fn only_gaps_until(&self, at: usize, closes: impl Fn(Kind) -> bool) -> bool {
        let after = &self.blocks[at + 1..];
        let gaps = after
            .iter()
            .take_while(|(kind, _)| *kind == Kind::Gap)
            .count();
        gaps > 0 && after.get(gaps).is_none_or(|(kind, _)| closes(*kind))
    }

    /// Render the blocks as light Markdown.
    pub(in crate::ingest) fn finish(mut self) -> (String, Option<String>) {
        self.flush();
        self.blocks.retain(|(kind, _)| *kind != Kind::Gap);
        let mut out = String::new();
        let mut prev: Option<Kind> = None;
        for (kind, text) in &self.blocks {
            if let Some(prev) = prev {
                let tight = matches!(prev, Kind::Item(_) | Kind::Line)
                    && matches!(kind, Kind::Item(_) | Kind::Line);
                out.push_str(if tight { "\n" } else { "\n\n" });
            }
            match kind {
                Kind::Heading(level) => {
                    out.extend(std::iter::repeat_n('#', usize::from(*level)));
                    out.push(' ');
                }
                // A sub-item is indented: sectioning keeps it with its item.
                Kind::Item(nested) => out.push_str(if *nested { "  - " } else { "- " }),
                Kind::Code => out.push_str("```\n"),
                Kind::Para | Kind::Line | Kind::Gap | Kind::Label | Kind::Outbound => {}
            }
            out.push_str(text);
            if *kind == Kind::Code {
                out.push_str("\n```");
            }
            prev = Some(*kind);
        }
        (out, self.first_h1)
    }
}

/// Paragraph lines that would read as light-Markdown headings (`# not a heading` in a `<p>`)
/// get one leading space, so later stages do not start a section there.
fn defuse_heading_lines(text: &str) -> String {
    let looks_like_heading = |line: &str| {
        let hashes = line.len() - line.trim_start_matches('#').len();
        (1..=6).contains(&hashes) && line[hashes..].chars().next().is_none_or(|c| c == ' ')
    };
    if !text.split('\n').any(looks_like_heading) {
        return text.to_owned();
    }
    text.split('\n')
        .map(|line| {
            if looks_like_heading(line) {
                format!(" {line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whitespace runs → one space, per explicit line; empty lines dropped.
fn collapse_lines(raw: &str) -> String {
    raw.split('\n')
        .map(one_line)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// All whitespace (including line breaks) collapsed to single spaces.
pub(in crate::ingest) fn one_line(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Preformatted text: trailing spaces and blank lines removed (so it stays one block); a line
/// that would close the fence it is rendered in gets a leading space.
fn pre_text(raw: &str) -> String {
    raw.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                format!(" {l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::Format;
    use super::super::tests::one;

    #[test]
    fn code_is_fenced_and_paragraph_lines_that_look_like_headings_are_defused() {
        let md = "## Встановлення\n\n```sh\n# оновити пакети\napt-get update\n```\n";
        let a = one(Format::Markdown, md);
        assert_eq!(
            a.body,
            "## Встановлення\n\n```\n# оновити пакети\napt-get update\n```"
        );
        let html =
            "<body><pre>#!/bin/sh\n## step 1\n```\necho ok</pre><p>## not a heading</p></body>";
        assert_eq!(
            one(Format::Html, html).body,
            "```\n#!/bin/sh\n## step 1\n ```\necho ok\n```\n\n ## not a heading"
        );
    }
}
