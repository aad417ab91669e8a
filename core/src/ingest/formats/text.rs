//! The plain-text reader (`.txt`, `.text`): the decoded text is the body as it is; its structure
//! (title, headings, lists, FAQ pairs) is found later by cleaning and sectioning.

use super::RawArticle;

/// A plain-text file's article: the whole text as the body, nothing declared.
pub(super) fn parse_text(text: String) -> RawArticle {
    RawArticle {
        body: text,
        ..RawArticle::default()
    }
}
