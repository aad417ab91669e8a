//! The five real scraped articles of `corpus/articles/`, shared by the ingest tests.

/// zh-Hant: 什麼是客戶服務運營經理?
pub const S0: &str = include_str!("../../../corpus/articles/000_596e4eb05215e628.txt");
/// zh-Hans: 客服经理 (no title line, FAQ, trailing junk).
pub const S1: &str = include_str!("../../../corpus/articles/001_a8b372179f898ed9.txt");
/// zh-Hant: 客戶服務團隊負責人是什麼?
pub const S2: &str = include_str!("../../../corpus/articles/002_a89dbd6b449641d6.txt");
/// uk: Що таке менеджер по виконанню обов'язків з обслуговування клієнтів?
pub const S3: &str = include_str!("../../../corpus/articles/003_77c3923395a2e853.txt");
/// vi with English sentences: What is a Customer Service Operations Manager?
pub const S4: &str = include_str!("../../../corpus/articles/004_5bffdb5339d268c2.txt");
/// All five, in order.
pub const SEEDS: [&str; 5] = [S0, S1, S2, S3, S4];
