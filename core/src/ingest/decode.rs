//! Decoding: file bytes → text, whatever the encoding.
//!
//! The order is the one browsers use: a byte-order mark wins; then, for HTML, the charset the
//! page declares (`<meta charset>`, `http-equiv`, an XML declaration) — checked against the
//! bytes; then UTF-8 when the bytes are valid UTF-8; then detection with Mozilla's `chardetng`
//! (the detector Firefox uses, built for legacy CJK and Cyrillic pages). Decoding itself is
//! `encoding_rs`. Bytes that do not decode are replaced with U+FFFD and counted, never fatal;
//! only NUL bytes outside UTF-16 (a binary file) and empty text are errors.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::formats::FormatError;

/// How the encoding of a text was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// Valid UTF-8 (the default), with or without a declaration saying so.
    Utf8,
    /// A byte-order mark.
    Bom,
    /// The page's own declaration (`<meta charset>`, `http-equiv`, `<?xml encoding>`).
    Declared,
    /// Detected from the bytes; `declared` is what the page claimed, when the claim was wrong.
    Detected {
        /// The declared encoding that did not fit the bytes.
        declared: Option<&'static Encoding>,
    },
}

/// A decoded text and what it was decoded from.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, newlines normalized to LF, without a byte-order mark.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// How that encoding was chosen.
    pub source: EncodingSource,
    /// How many byte sequences did not decode and were replaced with U+FFFD.
    pub replaced: usize,
}

impl Decoded {
    /// A sentence for the index report when the text was not plain UTF-8 or lost bytes;
    /// `None` for valid UTF-8.
    pub fn note(&self) -> Option<String> {
        let name = self.encoding.name();
        let how = match self.source {
            EncodingSource::Utf8 if self.replaced == 0 => return None,
            EncodingSource::Utf8 => format!("decoded as {name}"),
            EncodingSource::Bom => format!("decoded from {name} (byte-order mark)"),
            EncodingSource::Declared => format!("decoded from {name} (declared by the page)"),
            EncodingSource::Detected { declared: None } => {
                format!("decoded from {name} (detected)")
            }
            EncodingSource::Detected {
                declared: Some(declared),
            } => format!(
                "declared {} but the bytes are not; decoded from {name} (detected)",
                declared.name()
            ),
        };
        Some(if self.replaced > 0 {
            format!(
                "{how}; {} byte sequence{} could not be decoded and {} replaced with U+FFFD",
                self.replaced,
                if self.replaced == 1 { "" } else { "s" },
                if self.replaced == 1 { "was" } else { "were" }
            )
        } else {
            how
        })
    }
}

/// How many bytes detection looks at: enough for any language, bounded for huge files.
const DETECTION_BYTES: usize = 1 << 20;

/// How far into an HTML page a charset declaration is looked for.
const DECLARATION_BYTES: usize = 8 << 10;

/// Decode a file's bytes. `html` enables the page's own charset declaration.
///
/// # Errors
/// [`FormatError::Binary`] for NUL bytes in a text that is not UTF-16;
/// [`FormatError::Empty`] for an empty or whitespace-only text.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, FormatError> {
    if Encoding::for_bom(bytes).is_none()
        && utf16_without_bom(bytes).is_none()
        && bytes.contains(&0)
        && !looks_binary(bytes)
    {
        // A few stray NULs in a text (a damaged export): removed and counted, not fatal.
        let text: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
        let nuls = bytes.len() - text.len();
        let mut decoded = decode(&text, html)?;
        decoded.replaced += nuls;
        return Ok(decoded);
    }
    let (encoding, source, body) = choose(bytes, html)?;
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let replaced = if had_errors {
        text.matches('\u{fffd}').count() - body_replacements(body)
    } else {
        0
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    Ok(Decoded {
        text: normalize_newlines(text),
        encoding,
        source,
        replaced,
    })
}

/// The encoding of a text read piece by piece (JSONL), decided from its first block `head`:
/// a BOM, else UTF-8 when the block is (mostly) UTF-8, else detection. `None` for UTF-16,
/// whose lines cannot be split on the newline byte (the caller reads such a file whole).
pub(crate) fn stream_encoding(head: &[u8]) -> Option<(&'static Encoding, EncodingSource)> {
    match Encoding::for_bom(head) {
        Some((encoding, _)) if encoding == UTF_8 => return Some((UTF_8, EncodingSource::Bom)),
        Some(_) => return None,
        None => {}
    }
    if utf16_without_bom(head).is_some() {
        return None;
    }
    // The block may end inside a character.
    let complete = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    if complete || mostly_utf8(head) {
        return Some((UTF_8, EncodingSource::Utf8));
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(head, false);
    let guess = detector.guess(None, Utf8Detection::Deny);
    Some((guess, EncodingSource::Detected { declared: None }))
}

/// One piece of a streamed text (a line without its newline) in `encoding`: the text and how
/// many byte sequences were replaced.
pub(crate) fn decode_piece(encoding: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let replaced = if had_errors {
        text.matches('\u{fffd}').count() - body_replacements(bytes)
    } else {
        0
    };
    (text.into_owned(), replaced)
}

/// U+FFFD characters already present in the bytes as UTF-8 (not caused by decoding).
fn body_replacements(body: &[u8]) -> usize {
    body.windows(3).filter(|w| w == b"\xef\xbf\xbd").count()
}

/// The encoding to use, how it was chosen, and the bytes to decode (without a BOM).
fn choose(
    bytes: &[u8],
    html: bool,
) -> Result<(&'static Encoding, EncodingSource, &[u8]), FormatError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok((encoding, EncodingSource::Bom, &bytes[bom_len..]));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok((encoding, EncodingSource::Detected { declared: None }, bytes));
    }
    if bytes.contains(&0) {
        return Err(FormatError::Binary);
    }
    let is_utf8 = std::str::from_utf8(bytes).is_ok();
    let declared = if html { declared_charset(bytes) } else { None };
    match declared {
        Some(encoding) if encoding == UTF_8 && is_utf8 => Ok((UTF_8, EncodingSource::Utf8, bytes)),
        // A page that claims a legacy encoding but is valid UTF-8 with non-ASCII text is
        // UTF-8: legacy multi-byte text is practically never valid UTF-8 by chance.
        Some(encoding) if is_utf8 && !bytes.is_ascii() => Ok((
            UTF_8,
            EncodingSource::Detected {
                declared: Some(encoding),
            },
            bytes,
        )),
        Some(encoding) if is_utf8 => Ok((encoding, EncodingSource::Declared, bytes)),
        Some(encoding) => {
            // The declaration stands unless the bytes cannot be that encoding (a malformed
            // multi-byte sequence) and the detector's guess decodes cleanly.
            if encoding != UTF_8 && !has_decode_errors(encoding, bytes) {
                return Ok((encoding, EncodingSource::Declared, bytes));
            }
            let detector = detector(bytes);
            let guess = detector.guess(None, Utf8Detection::Deny);
            // A clean guess wins; a declared UTF-8 that is not UTF-8 takes the guess anyway.
            if (guess != encoding && !has_decode_errors(guess, bytes)) || encoding == UTF_8 {
                Ok((
                    guess,
                    EncodingSource::Detected {
                        declared: Some(encoding),
                    },
                    bytes,
                ))
            } else {
                Ok((encoding, EncodingSource::Declared, bytes))
            }
        }
        None if is_utf8 || mostly_utf8(bytes) => Ok((UTF_8, EncodingSource::Utf8, bytes)),
        None => {
            let guess = detector(bytes).guess(None, Utf8Detection::Deny);
            Ok((guess, EncodingSource::Detected { declared: None }, bytes))
        }
    }
}

/// UTF-8 text with a few damaged bytes (a truncated copy, one pasted Latin-1 character):
/// at least eight valid multi-byte characters for every invalid sequence.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(DETECTION_BYTES)];
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in sample.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte >= 8 * invalid
}

/// A chardetng detector fed with (the start of) the bytes.
fn detector(bytes: &[u8]) -> EncodingDetector {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECTION_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    detector
}

fn has_decode_errors(encoding: &'static Encoding, bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(DETECTION_BYTES)];
    encoding
        .decode_without_bom_handling_and_without_replacement(sample)
        .is_none()
        // A sample cut inside a multi-byte character is not an error of the text.
        && (sample.len() == bytes.len()
            || encoding
                .decode_without_bom_handling_and_without_replacement(
                    &sample[..sample.len().saturating_sub(4)],
                )
                .is_none())
}

/// Binary data rather than text with stray NULs: at least one NUL per 1 000 bytes, or one
/// byte in ten a control character other than whitespace, in the first 64 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 << 10)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    nuls * 1000 >= sample.len() || controls * 10 >= sample.len()
}

/// UTF-16 text without a BOM: ASCII characters leave a NUL in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    // Mostly-ASCII UTF-16: NULs on one side only.
    if odd * 10 >= pairs * 7 && even * 10 <= pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 <= pairs {
        Some(UTF_16BE)
    } else if even + odd > 0 && printable_ascii(sample) * 4 < sample.len() * 3 {
        // Cyrillic, Chinese or Vietnamese UTF-16 leaves NULs only beside its spaces,
        // digits and punctuation: read as UTF-16, it is text, which binary data is not, and
        // in the right byte order those are ASCII (read the other way, a space is U+2000).
        // Not ASCII text with NULs in it: its letters, paired, read as Chinese.
        let ascii_if_text = |little_endian: bool| {
            let units: Vec<u16> = sample
                .chunks_exact(2)
                .map(|pair| match little_endian {
                    true => u16::from_le_bytes([pair[0], pair[1]]),
                    false => u16::from_be_bytes([pair[0], pair[1]]),
                })
                .collect();
            utf16_is_text(&units).then(|| units.iter().filter(|&&u| u < 0x80).count())
        };
        match (ascii_if_text(true), ascii_if_text(false)) {
            (Some(le), be) if le > 0 && be.is_none_or(|be| le > be) => Some(UTF_16LE),
            (le, Some(be)) if be > 0 && le.is_none_or(|le| be > le) => Some(UTF_16BE),
            _ => None,
        }
    } else {
        None
    }
}

/// How many bytes are printable ASCII or ASCII whitespace.
fn printable_ascii(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|&&b| matches!(b, 0x20..=0x7e | b'\n' | b'\r' | b'\t'))
        .count()
}

/// True when UTF-16 code units are text: well-formed (a surrogate pair may be cut at the
/// end), without NUL, control (other than whitespace) or private-use characters, and with
/// letters for most of what is not space, digit or punctuation.
fn utf16_is_text(units: &[u16]) -> bool {
    let (mut letters, mut others) = (0usize, 0usize);
    let last = units.len().saturating_sub(1);
    let mut at = 0;
    for decoded in char::decode_utf16(units.iter().copied()) {
        let c = match decoded {
            Ok(c) => c,
            // A pair cut by the end of the sample.
            Err(e) if at == last && (0xD800..0xDC00).contains(&e.unpaired_surrogate()) => break,
            Err(_) => return false,
        };
        at += c.len_utf16();
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}') {
            return false;
        }
        if matches!(c as u32, 0xE000..=0xF8FF) {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        } else if !(c.is_whitespace() || c.is_numeric() || c.is_ascii_punctuation()) {
            others += 1;
        }
    }
    letters > 0 && others * 4 <= letters
}

/// The charset an HTML page declares in its first bytes: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">` or `<?xml … encoding="…"?>`.
/// As in browsers, a declared UTF-16 means UTF-8 (the bytes are ASCII-compatible), and
/// labels follow the WHATWG Encoding Standard (`gb2312` → GBK, `iso-8859-1` → windows-1252).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARATION_BYTES)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut candidates = Vec::new();
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>", 0).unwrap_or(lower.len());
        if let Some(value) = attribute_value(&lower[..end], b"encoding") {
            candidates.push(value);
        }
    }
    let mut from = 0;
    while let Some(start) = find(&lower, b"<meta", from) {
        let end = find(&lower, b">", start).unwrap_or(lower.len());
        let tag = &lower[start..end];
        if let Some(value) = attribute_value(tag, b"charset") {
            candidates.push(value);
        } else if let Some(content) = attribute_value(tag, b"content")
            && let Some(i) = find(content, b"charset=", 0)
        {
            let value = &content[i + 8..];
            let value = value
                .split(|&b| b == b';' || b == b' ' || b == b'"' || b == b'\'')
                .find(|v| !v.is_empty())
                .unwrap_or(value);
            candidates.push(value);
        }
        from = end;
    }
    candidates.into_iter().find_map(|label| {
        let encoding = Encoding::for_label(label.trim_ascii())?;
        Some(if encoding == UTF_16LE || encoding == UTF_16BE {
            UTF_8
        } else if encoding.name() == "x-user-defined" {
            WINDOWS_1252
        } else {
            encoding
        })
    })
}

/// The value of `name=value`, `name="value"` or `name='value'` inside a (lower-cased) tag.
fn attribute_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(i) = find(tag, name, from) {
        from = i + name.len();
        let preceded = i == 0
            || matches!(
                tag[i - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'"' | b'\''
            );
        let rest = tag[from..].trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=").filter(|_| preceded) else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        return Some(match rest.first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let inner = &rest[1..];
                &inner[..inner
                    .iter()
                    .position(|&b| b == quote)
                    .unwrap_or(inner.len())]
            }
            _ => {
                let end = rest
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/' || b == b';')
                    .unwrap_or(rest.len());
                &rest[..end]
            }
        });
    }
    None
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// CRLF and lone CR → LF.
pub(crate) fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_names_a_declared_legacy_encoding() {
        let page = b"<meta charset=\"windows-1251\"><p>\xcf\xf0\xe8\xe2\xb3\xf2</p>";
        let decoded = decode(page, true).unwrap();
        assert!(decoded.text.contains("Привіт"));
        assert_eq!(
            decoded.note().unwrap(),
            "decoded from windows-1251 (declared by the page)"
        );
    }

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot encode {text}", encoding.name());
        bytes.into_owned()
    }

    /// Real sentences in the encodings help centers still export.
    const LEGACY: &[(&str, &str)] = &[
        (
            "GBK",
            "客服经理负责统筹和管理客户服务团队，制定服务标准并监督执行，确保客户满意度持续提升。",
        ),
        (
            "gb18030",
            "客服经理需要具备沟通能力、团队管理能力和数据分析能力，才能提升客户体验。",
        ),
        (
            "Big5",
            "客戶服務運營經理負責監督客戶服務代表的招聘、培訓和專業發展，並制定績效標準。",
        ),
        (
            "windows-1251",
            "Менеджер з обслуговування клієнтів відповідає за якість підтримки та навчання команди.",
        ),
        (
            "KOI8-U",
            "Менеджер з обслуговування клієнтів відповідає за якість підтримки та навчання команди.",
        ),
        // windows-1258 writes tones as combining marks after the letter.
        (
            "windows-1258",
            "Qua\u{309}n ly\u{301} di\u{323}ch vu\u{323} kha\u{301}ch ha\u{300}ng chi\u{323}u tra\u{301}ch nhiê\u{323}m gia\u{301}m sa\u{301}t.",
        ),
        (
            "windows-1252",
            "Le responsable du service client veille à la qualité des réponses données aux clients.",
        ),
        (
            "ISO-8859-2",
            "Kierownik obsługi klienta odpowiada za jakość wsparcia i szkolenie zespołu.",
        ),
        (
            "Shift_JIS",
            "カスタマーサービスの責任者は、サポートの品質とチームの教育を担当します。",
        ),
    ];

    #[test]
    fn declared_legacy_encodings_decode() {
        for (label, text) in LEGACY {
            let encoding = Encoding::for_label(label.as_bytes()).unwrap();
            let mut page =
                format!("<html><head><meta charset=\"{label}\"></head><body><p>").into_bytes();
            page.extend(encode(encoding, text));
            page.extend_from_slice(b"</p></body></html>");
            let decoded = decode(&page, true).unwrap();
            assert!(decoded.text.contains(text), "{label}: {}", decoded.text);
            assert_eq!(decoded.source, EncodingSource::Declared, "{label}");
            // The http-equiv form of the same declaration.
            let mut page = format!(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\"><p>"
            )
            .into_bytes();
            page.extend(encode(encoding, text));
            assert!(decode(&page, true).unwrap().text.contains(text), "{label}");
        }
    }

    #[test]
    fn undeclared_cjk_and_cyrillic_are_detected() {
        for (label, text) in LEGACY {
            // chardetng does not tell the single-byte Latin encodings apart on one sentence,
            // and a Latin-1 sentence decodes the same either way.
            if matches!(*label, "windows-1252" | "ISO-8859-2" | "windows-1258") {
                continue;
            }
            let encoding = Encoding::for_label(label.as_bytes()).unwrap();
            let bytes = encode(encoding, &format!("{text}\n{text}\n"));
            let decoded = decode(&bytes, false).unwrap();
            assert!(decoded.text.contains(text), "{label}: {}", decoded.text);
            assert_eq!(
                decoded.source,
                EncodingSource::Detected { declared: None },
                "{label}"
            );
            assert!(decoded.note().unwrap().contains("(detected)"));
        }
    }

    #[test]
    fn a_wrong_declaration_is_overruled_and_said() {
        // Declared UTF-8, really GBK.
        let text = "客服经理负责统筹和管理客户服务团队，确保客户满意度持续提升。";
        let mut page = b"<meta charset=utf-8><p>".to_vec();
        page.extend(encode(encoding_rs::GBK, text));
        let decoded = decode(&page, true).unwrap();
        assert!(decoded.text.contains(text), "{}", decoded.text);
        assert_eq!(
            decoded.note().unwrap(),
            "declared UTF-8 but the bytes are not; decoded from GBK (detected)"
        );
        // Declared windows-1252, really UTF-8.
        let page = "<meta charset=\"iso-8859-1\"><p>Що таке бюджет?</p>".as_bytes();
        let decoded = decode(page, true).unwrap();
        assert!(decoded.text.contains("Що таке бюджет?"));
        assert!(
            decoded
                .note()
                .unwrap()
                .starts_with("declared windows-1252 but")
        );
    }

    #[test]
    fn boms_and_utf16_read() {
        let text = "Dịch vụ khách hàng là gì?";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode(&le, false).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.source),
            (text, EncodingSource::Bom)
        );
        let be: Vec<u8> = "What is a customer service manager?"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(&be, false).unwrap().encoding, UTF_16BE);
        let mut utf8 = "\u{feff}".as_bytes().to_vec();
        utf8.extend_from_slice("Бюджет\r\nкоманди".as_bytes());
        assert_eq!(decode(&utf8, false).unwrap().text, "Бюджет\nкоманди");
        // Without a BOM, and with NULs only beside spaces and punctuation.
        for text in [
            "Повернення коштів\n\nКошти повертаються протягом п’яти робочих днів.",
            "退款政策\n\n您可以在購買後三十天內申請全額退款。",
            "Chính sách hoàn tiền: bạn có thể yêu cầu hoàn tiền trong vòng 30 ngày.",
        ] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            for (bytes, encoding) in [(le, UTF_16LE), (be, UTF_16BE)] {
                let decoded = decode(&bytes, false).unwrap();
                assert_eq!((decoded.text.as_str(), decoded.encoding), (text, encoding));
            }
        }
    }

    #[test]
    fn bad_bytes_are_replaced_and_counted_binary_and_empty_are_errors() {
        let mut mixed = "客服经理负责统筹和管理客户服务团队。".as_bytes().to_vec();
        mixed.extend_from_slice(b"\xff\xfe\xfd");
        mixed.extend_from_slice("客服经理负责统筹。".as_bytes());
        let decoded = decode(&mixed, false).unwrap();
        assert!(decoded.text.contains("团队。\u{fffd}"), "{}", decoded.text);
        assert_eq!(decoded.encoding, UTF_8);
        assert!(decoded.replaced >= 1);
        assert!(
            decoded.note().unwrap().contains("replaced with U+FFFD"),
            "{:?}",
            decoded.note()
        );
        assert_eq!(
            decode(
                b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00",
                false
            )
            .unwrap_err(),
            FormatError::Binary
        );
        // Binary data read as UTF-16 has lone surrogates, controls and private-use
        // characters: still binary.
        let mut state = 0x2545_f491_u32;
        let blob: Vec<u8> = (0..4096)
            .map(|i| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                if i % 7 == 0 { 0 } else { (state >> 24) as u8 }
            })
            .collect();
        assert_eq!(decode(&blob, false).unwrap_err(), FormatError::Binary);
        // ASCII text with NULs in it would read as Chinese in UTF-16: still binary.
        let nuls = b"hello\0world, this is\0 not UTF-16 at all\0\0".repeat(30);
        assert_eq!(decode(&nuls, false).unwrap_err(), FormatError::Binary);
        assert_eq!(decode(b" \n\t ", false).unwrap_err(), FormatError::Empty);
        // One stray NUL in a long page is damage, not a binary file.
        let mut page = "<p>Менеджер керує бюджетом команди.</p>"
            .repeat(100)
            .into_bytes();
        page.insert(200, 0);
        let decoded = decode(&page, true).unwrap();
        assert_eq!((decoded.replaced, decoded.text.contains('\0')), (1, false));
        assert!(
            decode("plain UTF-8 text".as_bytes(), true)
                .unwrap()
                .note()
                .is_none()
        );
    }
}
