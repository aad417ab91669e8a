//! The JSON readers: `.json` (one article object or an array of them) and `.jsonl`/`.ndjson`
//! (one object per line, also read line by line from `ingest` for large files). Bad records are
//! reported with their record number and field; the good ones are kept.

use serde_json::{Map, Value};

use super::{FormatError, GROUP_KEYS, Metadata, Parsed, RawArticle, iso_date, non_empty};
use crate::ingest::decode::normalize_newlines;

/// A `.json` file: one object or an array of objects (one error per bad element).
pub(super) fn parse_json(text: &str) -> Result<Parsed, FormatError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(text, e.line(), &e))?;
    let mut parsed = Parsed::default();
    match value {
        Value::Array(items) => {
            for (i, item) in items.into_iter().enumerate() {
                parsed.push(record_from_value(i + 1, item));
            }
        }
        Value::Object(_) => parsed.push(record_from_value(1, value)),
        other => {
            return Err(FormatError::NotArticles {
                found: json_kind(&other),
            });
        }
    }
    Ok(parsed)
}

/// The metadata of a sidecar file (`FILE.meta.json`: one JSON object with the fields of a
/// JSON article, no body), for files that cannot declare it themselves (`.txt`).
pub(crate) fn parse_sidecar(text: &str) -> Result<RawArticle, FormatError> {
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| json_error(text, e.line(), &e))?;
    let Value::Object(map) = &mut value else {
        return Err(FormatError::NotObject {
            record: 1,
            found: json_kind(&value),
        });
    };
    map.insert("body".into(), Value::String("-".into()));
    record_from_value(1, value)
}

/// A JSONL file read whole (one error per bad line).
pub(super) fn parse_json_lines(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (i, line) in text.split('\n').enumerate() {
        if let Some(result) = parse_json_line(i + 1, line) {
            parsed.push(result);
        }
    }
    parsed
}

/// One JSONL line (`record` is its 1-based line number, used in errors); `None` for a blank
/// line. Lets large JSONL files be read one line at a time.
pub fn parse_json_line(record: usize, line: &str) -> Option<Result<RawArticle, FormatError>> {
    if line.trim().is_empty() {
        return None;
    }
    Some(
        serde_json::from_str::<Value>(line)
            .map_err(|e| json_error(line, record, &e))
            .and_then(|value| record_from_value(record, value)),
    )
}

/// A `serde_json` error as [`FormatError::Json`]: `line` is the file line to report, the
/// column is converted from `serde_json`'s byte column to a character column, and the
/// " at line L column C" suffix is removed from the message.
pub(crate) fn json_error(text: &str, line: usize, error: &serde_json::Error) -> FormatError {
    let line_text = text
        .split('\n')
        .nth(error.line().saturating_sub(1))
        .unwrap_or("");
    let column = match error.column() {
        0 => 0,
        byte_column => {
            let mut end = (byte_column - 1).min(line_text.len());
            while !line_text.is_char_boundary(end) {
                end -= 1;
            }
            line_text[..end].chars().count() + 1
        }
    };
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    FormatError::Json {
        line,
        column,
        message,
    }
}

/// The JSON type of a value, for error messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn field_error(record: usize, field: &'static str, message: impl Into<String>) -> FormatError {
    FormatError::Field {
        record,
        field,
        message: message.into(),
    }
}

/// An optional string field (null or absent → None; blank → None).
fn opt_string(
    map: &Map<String, Value>,
    record: usize,
    field: &'static str,
) -> Result<Option<String>, FormatError> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(non_empty(s)),
        Some(other) => Err(field_error(
            record,
            field,
            format!("expected a string, found {}", json_kind(other)),
        )),
    }
}

/// Keys of a JSON record read into their own fields; every other key with a string, number
/// or boolean value (or an array of them) is metadata, as are the keys of a `meta` or
/// `metadata` object.
const KNOWN_KEYS: [&str; 18] = [
    "id",
    "title",
    "body",
    "text",
    "content",
    "lang",
    "url",
    "tags",
    "category",
    "updated",
    "verified",
    "expires",
    "meta",
    "metadata",
    "translation_of",
    "group",
    "translationkey",
    "translation_group",
];

/// One JSON record → an article: `body` (or `text`, `content`) required; id, title, lang,
/// url, tags (array or comma-separated), category, updated / verified / expires (ISO dates)
/// optional; other short values become metadata.
fn record_from_value(record: usize, value: Value) -> Result<RawArticle, FormatError> {
    let map = match value {
        Value::Object(map) => map,
        other => {
            return Err(FormatError::NotObject {
                record,
                found: json_kind(&other),
            });
        }
    };

    let (field, body) = ["body", "text", "content"]
        .into_iter()
        .find_map(|f| map.get(f).filter(|v| !v.is_null()).map(|v| (f, v)))
        .ok_or_else(|| {
            field_error(
                record,
                "body",
                "missing (expected `body`, `text` or `content`)",
            )
        })?;
    let body = match body {
        Value::String(s) if s.trim().is_empty() => {
            return Err(field_error(record, field, "is empty"));
        }
        Value::String(s) => normalize_newlines(s),
        other => {
            return Err(field_error(
                record,
                field,
                format!("expected a string, found {}", json_kind(other)),
            ));
        }
    };

    let id = match map.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => non_empty(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err(field_error(
                record,
                "id",
                format!("expected a string or a number, found {}", json_kind(other)),
            ));
        }
    };

    let tags = match map.get("tags") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => s.split(',').filter_map(non_empty).collect(),
        Some(Value::Array(items)) => {
            let mut tags = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => tags.extend(non_empty(s)),
                    other => {
                        let message = format!(
                            "element {} is not a string (found {})",
                            i + 1,
                            json_kind(other)
                        );
                        return Err(field_error(record, "tags", message));
                    }
                }
            }
            tags
        }
        Some(other) => {
            let message = format!(
                "expected an array of strings or a comma-separated string, found {}",
                json_kind(other)
            );
            return Err(field_error(record, "tags", message));
        }
    };

    let date = |field: &'static str| -> Result<Option<String>, FormatError> {
        match opt_string(&map, record, field)? {
            None => Ok(None),
            Some(s) => Ok(Some(iso_date(&s).ok_or_else(|| {
                field_error(
                    record,
                    field,
                    format!("expected a date like 2025-05-06, found {s:?}"),
                )
            })?)),
        }
    };
    let (updated, verified, expires) = (date("updated")?, date("verified")?, date("expires")?);
    let mut meta = std::collections::BTreeMap::new();
    let nested = ["meta", "metadata"]
        .into_iter()
        .filter_map(|key| map.get(key).and_then(Value::as_object))
        .flatten();
    let top = map
        .iter()
        .filter(|(key, _)| !KNOWN_KEYS.contains(&key.to_lowercase().as_str()));
    for (key, value) in top.chain(nested) {
        for item in scalars(value) {
            meta.add(key, &item);
        }
    }

    Ok(RawArticle {
        id,
        title: opt_string(&map, record, "title")?,
        body,
        lang: opt_string(&map, record, "lang")?,
        url: opt_string(&map, record, "url")?,
        tags,
        category: opt_string(&map, record, "category")?,
        group: map
            .iter()
            .find(|(key, _)| GROUP_KEYS.contains(&key.to_lowercase().as_str()))
            .and_then(|(_, value)| match value {
                Value::String(s) => non_empty(s),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            }),
        alternates: Vec::new(),
        updated,
        verified,
        expires,
        meta,
        removed: Vec::new(),
    })
}

/// A metadata value as text: a string, number or boolean is one value, an array of them
/// several; objects and nulls are not metadata.
fn scalars(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Number(n) => vec![n.to_string()],
        Value::Bool(b) => vec![b.to_string()],
        Value::Array(items) => items
            .iter()
            .filter(|item| !item.is_array())
            .flat_map(scalars)
            .collect(),
        Value::Null | Value::Object(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::one;
    use super::super::{Format, FormatError, RawArticle, parse};

    #[test]
    fn json_object_with_numeric_id_and_tag_array() {
        let json = r#"{"id": 42, "title": " 客服经理是什么? ", "body": "客服经理是负责统筹和管理客户服务团队的关键管理岗位。\r\n问:需要哪些技能?",
            "lang": "zh-Hans", "url": "https://help.example.com/zh/kf", "tags": ["客服", " 管理 ", ""],
            "updated": "2025-05-06T10:00:00Z", "author": {"name": "x"}, "category": "Roles",
            "verified": "2025-06-01", "Product": "desk", "audience": ["agent", "admin", null],
            "meta": {"tier": 2, "public": true}, "notes": ""}"#;
        let a = one(Format::Json, json);
        assert_eq!(
            a,
            RawArticle {
                id: Some("42".into()),
                title: Some("客服经理是什么?".into()),
                body: "客服经理是负责统筹和管理客户服务团队的关键管理岗位。\n问:需要哪些技能?"
                    .into(),
                lang: Some("zh-Hans".into()),
                url: Some("https://help.example.com/zh/kf".into()),
                tags: vec!["客服".into(), "管理".into()],
                category: Some("Roles".into()),
                updated: Some("2025-05-06".into()),
                verified: Some("2025-06-01".into()),
                expires: None,
                group: None,
                alternates: Vec::new(),
                // Objects and nulls are not metadata; a blank value is dropped.
                meta: [
                    ("audience", vec!["agent", "admin"]),
                    ("product", vec!["desk"]),
                    ("public", vec!["true"]),
                    ("tier", vec!["2"]),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
                .collect(),
                removed: Vec::new(),
            }
        );
    }

    #[test]
    fn json_array_bad_elements_are_reported_and_others_kept() {
        let json = r#"[
  {"id": "en-1", "title": "What is a Customer Service Operations Manager?", "text": "This role involves strategic planning."},
  {"id": "en-2", "title": 17, "body": "Overseeing daily operations."},
  {"id": "uk-1", "content": "Менеджер відіграє важливу роль.", "tags": "підтримка, клієнти"},
  "just a string",
  {"id": "en-5", "title": "No body here"},
  {"id": "en-6", "body": "Bad date", "updated": "yesterday"}
]"#;
        let parsed = parse(Format::Json, json.as_bytes()).expect("valid JSON");
        let ids: Vec<_> = parsed
            .articles
            .iter()
            .map(|a| a.id.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(ids, vec!["en-1", "uk-1"]);
        assert_eq!(
            parsed.articles[0].body,
            "This role involves strategic planning."
        );
        assert_eq!(parsed.articles[1].tags, vec!["підтримка", "клієнти"]);
        assert_eq!(parsed.errors.len(), 4, "{:?}", parsed.errors);
        assert!(
            matches!(&parsed.errors[0], FormatError::Field { record: 2, field: "title", message } if message.contains("number"))
        );
        assert_eq!(
            parsed.errors[1],
            FormatError::NotObject {
                record: 4,
                found: "string"
            }
        );
        assert!(
            matches!(&parsed.errors[2], FormatError::Field { record: 5, field: "body", message } if message.starts_with("missing"))
        );
        assert!(matches!(
            &parsed.errors[3],
            FormatError::Field {
                record: 6,
                field: "updated",
                ..
            }
        ));
        assert_eq!(
            parsed.errors[0].to_string(),
            "record 2: field `title`: expected a string, found number"
        );
    }

    #[test]
    fn json_syntax_error_is_whole_file_error_with_position() {
        let err = parse(Format::Json, b"{\"title\": \"x\",\n \"body\": }").unwrap_err();
        match &err {
            FormatError::Json {
                line,
                column,
                message,
            } => {
                assert_eq!((*line, *column), (2, 10));
                assert!(
                    !message.contains("at line"),
                    "position suffix removed: {message}"
                );
            }
            other => panic!("expected Json error, got {other:?}"),
        }
        assert!(
            err.to_string()
                .starts_with("malformed JSON at line 2, column 10: ")
        );
        assert_eq!(
            parse(Format::Json, b"42").unwrap_err(),
            FormatError::NotArticles { found: "number" }
        );
    }

    #[test]
    fn jsonl_malformed_line_reported_others_kept() {
        let jsonl = "{\"id\":\"vi-1\",\"title\":\"Nhiệm vụ\",\"text\":\"Dưới đây là các nhiệm vụ chính.\",\"tags\":\"dịch vụ, khách hàng\"}\n\
{\"id\":\"vi-2\",\"body\" \"Thiếu dấu hai chấm\"}\n\
\n\
{\"id\":7,\"content\":\"Một Manager Quản lý Dịch vụ Khách hàng đóng một vai trò quan trọng.\",\"tags\":[\"quản lý\"]}\n\
{\"id\":\"x\",\"body\":\"\"}\n\
{\"id\":\"y\",\"body\":\"ok\",\"tags\":[1]}\n\
[1, 2]\n";
        let parsed =
            parse(Format::JsonLines, jsonl.as_bytes()).expect("jsonl never fails as a whole");
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[0].tags, vec!["dịch vụ", "khách hàng"]);
        assert_eq!(parsed.articles[0].title.as_deref(), Some("Nhiệm vụ"));
        assert_eq!(parsed.articles[1].id.as_deref(), Some("7"));
        assert_eq!(parsed.articles[1].tags, vec!["quản lý"]);

        assert_eq!(parsed.errors.len(), 4, "{:?}", parsed.errors);
        // Line 2: the missing colon is at the quote after `"body" `: column counted in characters.
        let bad = "{\"id\":\"vi-2\",\"body\" ";
        match &parsed.errors[0] {
            FormatError::Json {
                line,
                column,
                message,
            } => {
                assert_eq!(*line, 2);
                assert_eq!(*column, bad.chars().count() + 1);
                assert!(message.contains("expected `:`"), "{message}");
            }
            other => panic!("expected Json error, got {other:?}"),
        }
        assert_eq!(
            parsed.errors[1],
            FormatError::Field {
                record: 5,
                field: "body",
                message: "is empty".into()
            }
        );
        assert!(
            matches!(&parsed.errors[2], FormatError::Field { record: 6, field: "tags", message } if message.contains("element 1"))
        );
        assert_eq!(
            parsed.errors[3],
            FormatError::NotObject {
                record: 7,
                found: "array"
            }
        );
    }

    #[test]
    fn jsonl_column_counts_characters_not_bytes() {
        let line = "{\"title\": \"客服经理需要具备哪些核心技能\", \"body\": 缺少引号}";
        let parsed = parse(Format::JsonLines, line.as_bytes()).unwrap();
        let expected = line[..line.find("缺少").unwrap()].chars().count() + 1;
        assert!(
            expected < line.find("缺少").unwrap(),
            "the test line must contain multi-byte text before the error"
        );
        assert_eq!(
            parsed.errors,
            vec![FormatError::Json {
                line: 1,
                column: expected,
                message: "expected value".into()
            }]
        );
    }
}
