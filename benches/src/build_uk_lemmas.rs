//! Writes the Ukrainian lemma FST (`core/data/uk_lemmas.fst`) from the sorted
//! `form<TAB>rule_id` TSV made by `benches/uk_lemma_dict.py` (which runs this).
//!
//! usage: build-uk-lemmas FORMS.tsv OUT.fst

use std::io::{BufRead, BufReader, BufWriter};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        return Err("usage: build-uk-lemmas FORMS.tsv OUT.fst".into());
    }
    let input = BufReader::new(std::fs::File::open(&args[1])?);
    let out = BufWriter::new(std::fs::File::create(&args[2])?);
    let mut builder = tantivy_fst::MapBuilder::new(out)?;
    let mut n = 0u64;
    for line in input.lines() {
        let line = line?;
        let (form, id) = line
            .split_once('\t')
            .ok_or_else(|| format!("no tab in {line:?}"))?;
        builder.insert(form.as_bytes(), id.parse::<u64>()?)?;
        n += 1;
    }
    builder.finish()?;
    eprintln!("{n} forms -> {}", args[2]);
    Ok(())
}
