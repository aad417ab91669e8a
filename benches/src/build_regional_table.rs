//! Writes `core/data/opencc/regional.tsv`, the Chinese regional words kbsearch searches
//! (`analysis::other_region_words`), from OpenCC's `TWPhrases.txt` and `TWPhrasesRev.txt`
//! in the folder given: both tables merged, in Simplified characters, sorted.
//!
//! usage: build-regional-table OPENCC_FOLDER OUT.tsv

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        return Err("usage: build-regional-table OPENCC_FOLDER OUT.tsv".into());
    }
    let folder = std::path::Path::new(&args[1]);
    let tables = ["TWPhrases.txt", "TWPhrasesRev.txt"]
        .map(|name| std::fs::read_to_string(folder.join(name)));
    let [Ok(mainland), Ok(taiwan)] = tables else {
        return Err(format!("{} must hold TWPhrases.txt and TWPhrasesRev.txt", args[1]).into());
    };
    let table = kbsearch::analysis::table_from_opencc(&[&mainland, &taiwan]);
    std::fs::write(&args[2], &table)?;
    eprintln!("{} words -> {}", table.lines().count(), args[2]);
    Ok(())
}
