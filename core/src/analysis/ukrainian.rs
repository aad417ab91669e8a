//! Ukrainian word analysis: apostrophe folding, a light suffix-stripping stemmer, stop words.
//!
//! # Stemmer
//!
//! A port of the Porter-style "UkrainianStemmer" (Snowball Russian algorithm by M. Porter,
//! PHP port by D. Koterov, adapted to Ukrainian for Drupal's `ukstemmer` by Algenon and
//! ported to Python by K. Zakharov, <https://github.com/Amice13/ukr_stemmer>, MIT). The
//! structure is kept:
//!
//! 1. RV is the part of the word after its first vowel; endings are only removed inside RV.
//! 2. Step 1: remove a gerund ending; otherwise remove a reflexive ending (`ся`/`сь`) and then
//!    the longest adjective (+ participle), verb or noun ending.
//! 3. Step 2: remove a final `и`/`і`.
//! 4. Step 3: remove the derivational `ост` (from `-ість`/`-ості`) when it lies in R2.
//! 5. Step 4: remove the comparative `іш` (+ the `най-` superlative prefix), a final `ь`,
//!    and undouble a final geminate (`нн` → `н`, `тт` → `т`).
//!
//! The suffix lists were rewritten for Ukrainian (the originals still carry Russian endings
//! such as `ы`, `ем` for adjectives or bare `ати`/`али`, which strip noun stems like
//! `результати`, `канали`, `правила`). Ukrainian-specific additions, each small and
//! documented where it is defined:
//!
//! * `-ість`/`-істю` is read as `-ость`/`-остю`, so `якість`/`якості` share a stem;
//! * fleeting vowels: `зв'язок`/`зв'язку`, `помилок`/`помилка`, `фахівець`/`фахівця`,
//!   `рівень`/`рівня`;
//! * `і`/`о` alternation in a few productive roots: `підхід`/`підходу`, `спосіб`/`способу`,
//!   `вибір`/`вибору`, `договір`/`договору`;
//! * a handful of protected letter sequences that an ending may not cut through
//!   (`програм`, `проблем`, `систем`, `режим`, `реклам`);
//! * the reflexive `сі`/`си` of the original is dropped: it cut `процесі`, `адресі`.
//!
//! Known forms that do not conflate: velar alternations in the dative/locative
//! (`послузі` → `послуз` vs `послуга` → `послуг`, `підтримці` vs `підтримка`); the dative
//! in `-ові` (`клієнтові` → `клієнтов`, so that `ключові` stays with `ключовий`);
//! infinitives of verbs outside the `-увати`/`-ювати` class (`отримати` → `отримат` vs
//! `отримує` → `отрим`, because `-ати`/`-ити` cannot be told from nouns in `-ат`/`-ит`).

use std::sync::LazyLock;

use super::normalize::APOSTROPHE;

/// Ukrainian function words and question words, sorted by code point for `binary_search`.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "а", "або", "адже", "аж", "але", "б", "без", "би", "бо", "був", "була", "були", "було",
    "бути", "біля", "в", "вам", "вас", "ваш", "ваша", "ваше", "ваших", "вашу", "ваші", "весь",
    "вже", "ви", "вона", "вони", "воно", "все", "всю", "вся", "всі", "втім", "від", "він",
    "де", "для", "до", "доки", "ж", "же", "з", "за", "звідки", "зі", "й", "його", "йому",
    "коли", "котрий", "куди", "лише", "мене", "мені", "ми", "мною", "моя", "мої", "між", "мій",
    "на", "навіть", "навіщо", "над", "нам", "нас", "наш", "наша", "наше", "наші", "не", "нею",
    "неї", "ним", "ними", "них", "нього", "ньому", "ні", "о", "об", "однак", "от", "оце",
    "перед", "по", "поки", "при", "про", "проте", "під", "після", "саме", "свого", "свою",
    "своя", "своє", "свої", "своїх", "свій", "себе", "скільки", "собі", "та", "так", "така",
    "таке", "такий", "такі", "там", "те", "тебе", "ти", "тим", "тих", "то", "тобі", "того",
    "тоді", "той", "тому", "ту", "тут", "ті", "у", "усе", "усі", "хоча", "хто", "це", "цей",
    "цим", "цих", "цього", "цьому", "цю", "ця", "ці", "через", "чи", "чий", "чим", "чого",
    "чому", "ще", "що", "щоб", "я", "як", "яка", "яке", "який", "яких", "якого", "якою",
    "якої", "яку", "якщо", "які", "якій", "є", "і", "із", "їй", "їм", "їх", "її",
];

/// True for Ukrainian function words and question words that must not drive ranking (lowercase, unstemmed input).
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

// ---------------------------------------------------------------------------------------
// Suffix lists. Structure and group names follow Amice13/ukr_stemmer (ukr_stemmer3.py);
// contents are Ukrainian endings (Вихованець & Городенська, "Теоретична морфологія
// української мови", declension and conjugation tables). Within a group the longest ending
// that lies inside RV wins.
// ---------------------------------------------------------------------------------------

/// Gerunds (дієприслівники), the PERFECTIVEGROUND group: perfective `-вши(сь)` and
/// imperfective `-учи/-ючи/-ачи/-ячи(сь)`, with the `-ува-/-юва-` theme of `керуючи`.
#[rustfmt::skip]
const GERUND: &[&str] = &[
    "ивши", "ившись", "івши", "івшись", "авши", "авшись", "явши", "явшись", "увши", "увшись",
    "учи", "учись", "ючи", "ючись", "ачи", "ачись", "ячи", "ячись", "уючи", "уючись", "юючи",
    "юючись", "аючи", "аючись", "яючи", "яючись",
];

/// REFLEXIVE: `-ся`, `-сь` (the original's `-сі` is dropped, see the module docs).
const REFLEXIVE: &[&str] = &["ся", "сь"];

/// ADJECTIVE: full adjective (and passive participle) endings, hard and soft groups,
/// all genders, cases and numbers: `зворотн-ий/-ого/-ому/-им/-ім/-а/-ої/-ій/-у/-ою/-е/-і/-их/-ими`,
/// soft `-ій/-ього/-ьому/-я/-ьої/-ю/-ьою/-є/-іх/-іми` (`зворотній`, `зворотнього`).
#[rustfmt::skip]
const ADJECTIVE: &[&str] = &[
    "ий", "ій", "а", "я", "е", "є", "і", "ї", "у", "ю", "ого", "ього", "ому", "ьому", "им",
    "ім", "ої", "ьої", "ою", "ьою", "их", "іх", "ими", "іми",
];

/// PARTICIPLE: active present participle suffixes, removed only after an adjective ending
/// (`керуючий` → `керуюч` → `кер`).
const PARTICIPLE: &[&str] = &["уюч", "ююч", "аюч", "яюч"];

/// VERB: finite forms. Infinitive and past tense are only listed for the `-увати/-ювати`
/// class: bare `-ати/-ити/-али/-ила` would also cut nouns (`результати`, `канали`, `правила`).
#[rustfmt::skip]
const VERB: &[&str] = &[
    // -увати / -ювати: infinitive, past, present, imperative, future
    "увати", "ювати", "ував", "ював", "увала", "ювала", "увало", "ювало", "ували", "ювали",
    "ую", "юю", "уєш", "юєш", "ує", "ює", "уємо", "юємо", "уєте", "юєте", "ують", "юють", "уй",
    "юй", "уйте", "юйте", "уватиму", "юватиму", "уватимеш", "юватимеш", "уватиме", "юватиме",
    "уватимемо", "юватимемо", "уватимете", "юватимете", "уватимуть", "юватимуть",
    // -ати / -яти / -іти present tense (3rd person plural also covers -уть/-ють)
    "ає", "аєш", "аємо", "аєте", "ають", "яє", "яєш", "яємо", "яєте", "яють", "іє", "ієш",
    "іємо", "ієте", "іють",
    // first conjugation / second conjugation personal endings
    "еш", "емо", "ете", "уть", "ють", "имо", "ите",
    // imperative plural (`надавайте`, `розробляйте`, `створіть`)
    "айте", "яйте", "іть", "іте",
];

/// NOUN: case endings of all declensions, singular and plural (without the dative `-ові`,
/// which would split adjectives in `-ов-`: `ключові` vs `ключовий`), including the `-ія`
/// family (`компанія/-ії/-ію/-ією/-ій/-іям/-іями/-іях`) and the `-ея`/`-ей` family
/// (`ідея/-еї/-ею/-еєю/-ей/-еям`, `музей/-ею/-еї/-еєм/-еїв`), whose `е` is not part of the stem.
#[rustfmt::skip]
const NOUN: &[&str] = &[
    "а", "я", "о", "е", "є", "и", "і", "ї", "у", "ю", "ь", "й", "ою", "ею", "єю", "ом", "ем",
    "єм", "ам", "ям", "ах", "ях", "ами", "ями", "ьми", "ів", "їв", "ей", "еві", "єві",
    "ія", "ії", "ію", "ією", "ій", "іям", "іями", "іях", "ея", "еї", "еєю", "еєм", "еїв",
    "еям", "еями", "еях",
];

/// Letter sequences an ending may not cut through: feminine genitive plurals with a zero
/// ending that look like `-ам`/`-ем` datives and instrumentals (`програм`, `проблем`,
/// `систем`, `реклам`), and `режим` (looks like the adjective ending `-им`).
const PROTECTED: &[&str] = &["грам", "блем", "стем", "клам", "режим"];

/// `і`/`о` alternation in a closed final syllable of productive roots (`підхід`/`підходу`,
/// `засіб`/`засобу`, `вибір`/`вибору`, `договір`/`договору`, `простір`/`простору`,
/// `поріг`/`порогу`); applied to nominatives (no ending removed) of 5+ letters.
const ALTERNATIONS: &[(&str, &str)] = &[
    ("хід", "ход"),
    ("сіб", "соб"),
    ("бір", "бор"),
    ("вір", "вор"),
    ("стір", "стор"),
    ("ріг", "рог"),
];

/// No removal may leave fewer characters than this.
const MIN_STEM: usize = 2;

fn is_vowel(c: char) -> bool {
    matches!(c, 'а' | 'е' | 'є' | 'и' | 'і' | 'ї' | 'о' | 'у' | 'ю' | 'я')
}

fn is_consonant(c: char) -> bool {
    !is_vowel(c) && c != 'ь' && c != APOSTROPHE
}

/// Letters of the Cyrillic and Cyrillic Supplement blocks (no combining marks).
fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{0482}' | '\u{048A}'..='\u{052F}')
}

fn ends_with(w: &[char], suffix: &str) -> bool {
    let n = suffix.chars().count();
    n <= w.len() && w[w.len() - n..].iter().copied().eq(suffix.chars())
}

/// Replace the last `n` chars with `to`.
fn replace_tail(w: &mut Vec<char>, n: usize, to: &str) {
    w.truncate(w.len() - n);
    w.extend(to.chars());
}

/// Start of the region after the first non-vowel that follows a vowel, searching from `from`
/// (Porter's R1 when `from` is 0, R2 when `from` is R1).
fn region_after(w: &[char], from: usize) -> usize {
    let mut i = from;
    while i < w.len() && !is_vowel(w[i]) {
        i += 1;
    }
    while i < w.len() && is_vowel(w[i]) {
        i += 1;
    }
    (i + 1).min(w.len())
}

/// True when cutting `w` at `cut` splits one of the [`PROTECTED`] sequences.
fn splits_protected(w: &[char], cut: usize) -> bool {
    PROTECTED.iter().any(|p| {
        let m = p.chars().count();
        (cut.saturating_sub(m - 1)..cut)
            .any(|start| start + m <= w.len() && w[start..start + m].iter().copied().eq(p.chars()))
    })
}

/// An ending list ready for lookups: a trie of the endings read backwards, so that one walk
/// from the word's last character finds every ending the word has.
struct Endings {
    nodes: Vec<EndingNode>,
}

#[derive(Default)]
struct EndingNode {
    /// (character, node index) of the longer endings: this node's tail preceded by it.
    longer: Vec<(char, usize)>,
    /// True when the tail spelled from the root to here is an ending.
    is_ending: bool,
}

impl Endings {
    fn new(list: &[&str]) -> Self {
        let mut nodes = vec![EndingNode::default()];
        for ending in list {
            let mut at = 0;
            for c in ending.chars().rev() {
                at = match nodes[at].longer.iter().find(|(k, _)| *k == c) {
                    Some(&(_, next)) => next,
                    None => {
                        nodes.push(EndingNode::default());
                        let next = nodes.len() - 1;
                        nodes[at].longer.push((c, next));
                        next
                    }
                };
            }
            nodes[at].is_ending = true;
        }
        Endings { nodes }
    }

    /// The lengths of the endings of the list that `w` ends with, shortest first.
    fn lengths_in<'w>(&'w self, w: &'w [char]) -> impl Iterator<Item = usize> + 'w {
        let mut at = Some(0);
        w.iter()
            .rev()
            .enumerate()
            .map_while(move |(depth, c)| {
                let node = &self.nodes[at?];
                at = node
                    .longer
                    .iter()
                    .find(|(k, _)| k == c)
                    .map(|&(_, next)| next);
                let next = &self.nodes[at?];
                Some(next.is_ending.then_some(depth + 1))
            })
            .flatten()
    }
}

static GERUND_ENDINGS: LazyLock<Endings> = LazyLock::new(|| Endings::new(GERUND));
static REFLEXIVE_ENDINGS: LazyLock<Endings> = LazyLock::new(|| Endings::new(REFLEXIVE));
static ADJECTIVE_ENDINGS: LazyLock<Endings> = LazyLock::new(|| Endings::new(ADJECTIVE));
static PARTICIPLE_ENDINGS: LazyLock<Endings> = LazyLock::new(|| Endings::new(PARTICIPLE));
static VERB_ENDINGS: LazyLock<Endings> = LazyLock::new(|| Endings::new(VERB));
static NOUN_ENDINGS: LazyLock<Endings> = LazyLock::new(|| Endings::new(NOUN));

/// Length of the longest ending of `endings` that lies inside RV (starting at `rv`), leaves
/// at least [`MIN_STEM`] chars and does not split a protected sequence.
fn longest_ending(w: &[char], rv: usize, endings: &Endings) -> Option<usize> {
    let lowest_cut = rv.max(MIN_STEM);
    endings
        .lengths_in(w)
        .take_while(|&n| w.len() - n >= lowest_cut)
        .filter(|&n| !splits_protected(w, w.len() - n))
        .last()
}

/// Remove the longest ending of `endings`; true when something was removed.
fn strip(w: &mut Vec<char>, rv: usize, endings: &Endings) -> bool {
    match longest_ending(w, rv, endings) {
        Some(n) => {
            w.truncate(w.len() - n);
            true
        }
        None => false,
    }
}

/// What step 1 removed, which decides the follow-up rules.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Removed {
    Nothing,
    SoftSign,
    Adjective,
    Other,
}

/// Step 1 after the gerund check: reflexive, then the longest adjective / verb / noun ending
/// (ties go to the adjective, then the verb).
fn strip_inflection(w: &mut Vec<char>, rv: usize) -> Removed {
    if strip(w, rv, &REFLEXIVE_ENDINGS) {
        // `-ється/-еться/-иться/-іться` → `-є/-е/-и/-і`: drop the `ть` left by the reflexive.
        let n = w.len();
        if n >= 3 + MIN_STEM
            && ends_with(w, "ть")
            && matches!(w[n - 3], 'є' | 'е' | 'и' | 'і' | 'ї')
            && n - 2 >= rv
        {
            w.truncate(n - 2);
        }
    }
    let adjective = longest_ending(w, rv, &ADJECTIVE_ENDINGS).unwrap_or(0);
    let verb = longest_ending(w, rv, &VERB_ENDINGS).unwrap_or(0);
    let noun = longest_ending(w, rv, &NOUN_ENDINGS).unwrap_or(0);
    if adjective == 0 && verb == 0 && noun == 0 {
        return Removed::Nothing;
    }
    if adjective >= verb && adjective >= noun {
        w.truncate(w.len() - adjective);
        strip(w, rv, &PARTICIPLE_ENDINGS);
        Removed::Adjective
    } else if verb >= noun {
        w.truncate(w.len() - verb);
        Removed::Other
    } else {
        let soft_sign = noun == 1 && w.last() == Some(&'ь');
        w.truncate(w.len() - noun);
        if soft_sign {
            Removed::SoftSign
        } else {
            Removed::Other
        }
    }
}

/// Fleeting vowels and `і`/`о` alternation in forms whose ending was zero or `ь`.
fn restore_alternations(w: &mut Vec<char>, rv: usize, removed: Removed) {
    let n = w.len();
    match removed {
        Removed::Nothing => {
            // зв'язок → зв'язк (зв'язку), помилок → помилк (помилка); not урок (4 letters).
            if n >= 5 && ends_with(w, "ок") && n - 2 >= rv && is_consonant(w[n - 3]) {
                replace_tail(w, 2, "к");
                return;
            }
            if n >= 5 {
                for (from, to) in ALTERNATIONS {
                    let len = from.chars().count();
                    // the alternating `і` is always second to last
                    if ends_with(w, from) && n - 2 >= rv {
                        replace_tail(w, len, to);
                        return;
                    }
                }
            }
        }
        Removed::SoftSign => {
            // фахівець → фахівц (фахівця), рівень → рівн (рівня). Only `-вень` for `-ень`:
            // `рішень`, `повідомлень` (genitive plural of `-ення`) keep their `е`.
            if n >= 5 && n - 2 >= rv && (ends_with(w, "ец") || ends_with(w, "вен")) {
                let last = w[n - 1];
                if is_consonant(w[n - 3]) {
                    replace_tail(w, 2, "");
                    w.push(last);
                }
            }
        }
        Removed::Adjective | Removed::Other => {}
    }
}

/// The dictionary lemma of a lowercase Ukrainian word (apostrophes folded,
/// [`crate::analysis::ukrainian_lemma::normalize`]d) and that lemma's stem: the
/// [`crate::analysis::Form::Folded`] and [`crate::analysis::Form::Words`] terms, so that every
/// inflected form meets the lemma itself (`партнерами`, `партнер`; `послузі`, `послуга`). Of
/// several lemmas, the first whose stem is the word's own stem wins, else the first; a word
/// the dictionary does not know is its own lemma and is stemmed as it is.
pub fn lemma_and_stem(word: &str) -> (String, String) {
    let own = stem(word);
    let Some(lemmas) = super::ukrainian_lemma::lemmas(word) else {
        return (word.to_string(), own);
    };
    let stems: Vec<String> = lemmas.iter().map(|l| stem(l)).collect();
    let pick = stems.iter().position(|s| *s == own).unwrap_or(0);
    match (lemmas.into_iter().nth(pick), stems.into_iter().nth(pick)) {
        (Some(lemma), Some(stem)) => (lemma, stem),
        _ => (word.to_string(), own),
    }
}

/// True when every term of `word` (its stem, its lemmas and their stems) begins with the
/// word's first letter: for all words but those [`stem`] may change the first letter of
/// ([`stem_keeps_initial`]) and the ~200 dictionary forms of
/// [`ukrainian_lemma::lemmas_keep_initial`](super::ukrainian_lemma::lemmas_keep_initial).
pub fn terms_keep_initial(word: &str) -> bool {
    stem_keeps_initial(word) && super::ukrainian_lemma::lemmas_keep_initial(word)
}

/// False for the words whose [`stem`] may begin with another letter: superlatives lose
/// their `най-` prefix (`найактивніший` → `активн`), and `ість`/`істю` become `ость`.
pub fn stem_keeps_initial(word: &str) -> bool {
    !word.starts_with("най") && !matches!(word, "ість" | "істю")
}

/// Stem one lowercase Ukrainian word (apostrophes already folded to APOSTROPHE). Never panics, never returns an empty string for a non-empty input; words of 1-3 letters, or words with non-Cyrillic letters, come back unchanged.
pub fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    if w.len() <= 3 || !w.iter().all(|&c| is_cyrillic_letter(c) || c == APOSTROPHE) {
        return word.to_string();
    }
    let Some(first_vowel) = w.iter().position(|&c| is_vowel(c)) else {
        return word.to_string();
    };
    let rv = first_vowel + 1;
    let r1 = region_after(&w, 0);
    let r2 = region_after(&w, r1);

    // `-ість`/`-істю` → `-ость`/`-остю` (якість ~ якості, ефективність ~ ефективності).
    if ends_with(&w, "ість") || ends_with(&w, "істю") {
        let i = w.len() - 4;
        w[i] = 'о';
    }

    // Step 1.
    let removed = if strip(&mut w, rv, &GERUND_ENDINGS) {
        Removed::Other
    } else {
        strip_inflection(&mut w, rv)
    };
    restore_alternations(&mut w, rv, removed);

    // Step 2: a final и/і left in RV.
    if let Some(&last) = w.last()
        && (last == 'и' || last == 'і')
        && w.len() > rv.max(MIN_STEM)
    {
        w.pop();
    }

    // Step 3: derivational `ост` in R2 (ефективн-ост-і → ефективн).
    if ends_with(&w, "ост") && w.len() - 3 >= r2.max(MIN_STEM) {
        w.truncate(w.len() - 3);
    }

    // Step 4: comparative `іш` in R2 (+ the superlative prefix `най-`), final `ь`, geminate.
    if removed == Removed::Adjective && ends_with(&w, "іш") && w.len() - 2 >= r2.max(MIN_STEM) {
        w.truncate(w.len() - 2);
        if w.len() >= 3 + 4 && w.starts_with(&['н', 'а', 'й']) {
            w.drain(..3);
        }
    }
    if w.last() == Some(&'ь') && w.len() > rv.max(MIN_STEM) {
        w.pop();
    }
    let n = w.len();
    if n > MIN_STEM && n > rv && w[n - 1] == w[n - 2] && is_consonant(w[n - 1]) {
        w.pop();
    }
    w.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::normalize::is_apostrophe;

    /// Every word of `forms` has the same stem; returns it.
    fn assert_conflate(forms: &[&str]) -> String {
        let first = stem(forms[0]);
        for f in forms {
            assert_eq!(stem(f), first, "{f} should stem like {}", forms[0]);
        }
        first
    }

    /// Stems of a whitespace-separated phrase (stop words removed).
    fn stem_phrase(phrase: &str) -> Vec<String> {
        phrase
            .split_whitespace()
            .map(str::to_lowercase)
            .filter(|w| !is_stop_word(w))
            .map(|w| stem(&w))
            .collect()
    }

    #[test]
    fn noun_budget() {
        let s = assert_conflate(&[
            "бюджет",
            "бюджету",
            "бюджетом",
            "бюджеті",
            "бюджети",
            "бюджетів",
            "бюджетам",
            "бюджетами",
            "бюджетах",
        ]);
        assert_eq!(s, "бюджет");
    }

    #[test]
    fn noun_client() {
        let s = assert_conflate(&[
            "клієнт",
            "клієнта",
            "клієнту",
            "клієнтом",
            "клієнті",
            "клієнти",
            "клієнтів",
            "клієнтам",
            "клієнтами",
            "клієнтах",
        ]);
        assert_eq!(s, "клієнт");
        // Known limitation: the dative in -ові keeps `ов` (adjectives in -ові win).
        assert_eq!(stem("клієнтові"), "клієнтов");
    }

    #[test]
    fn noun_team() {
        let s = assert_conflate(&[
            "команда",
            "команди",
            "команді",
            "команду",
            "командою",
            "команд",
            "командам",
            "командами",
            "командах",
        ]);
        assert_eq!(s, "команд");
    }

    #[test]
    fn noun_service_except_velar_alternation() {
        let s = assert_conflate(&[
            "послуга",
            "послуги",
            "послугу",
            "послугою",
            "послуг",
            "послугам",
            "послугами",
            "послугах",
        ]);
        assert_eq!(s, "послуг");
        // Known limitation: г → з before the dative/locative -і is not undone.
        assert_ne!(stem("послузі"), s);
    }

    #[test]
    fn noun_service_activity() {
        let s = assert_conflate(&[
            "обслуговування",
            "обслуговуванню",
            "обслуговуванням",
            "обслуговуванні",
            "обслуговувань",
            "обслуговуваннях",
        ]);
        assert_eq!(s, "обслуговуван");
    }

    #[test]
    fn noun_manager_and_process() {
        assert_conflate(&[
            "менеджер",
            "менеджера",
            "менеджеру",
            "менеджером",
            "менеджері",
            "менеджери",
            "менеджерів",
            "менеджерам",
            "менеджерами",
            "менеджерах",
        ]);
        let s = assert_conflate(&[
            "процес",
            "процесу",
            "процесом",
            "процесі",
            "процеси",
            "процесів",
            "процесам",
            "процесами",
            "процесах",
        ]);
        assert_eq!(s, "процес");
    }

    #[test]
    fn apostrophe_stays_inside_the_word() {
        let s = assert_conflate(&["зв'язок", "зв'язку", "зв'язком", "зв'язки", "зв'язків"]);
        assert_eq!(s, "зв'язк");
        let s = assert_conflate(&["кар'єра", "кар'єри", "кар'єрі", "кар'єру", "кар'єрою"]);
        assert_eq!(s, "кар'єр");
    }

    #[test]
    fn adjective_all_forms_and_soft_spelling() {
        let s = assert_conflate(&[
            "зворотний",
            "зворотного",
            "зворотному",
            "зворотним",
            "зворотна",
            "зворотної",
            "зворотну",
            "зворотною",
            "зворотне",
            "зворотні",
            "зворотних",
            "зворотними",
            // soft (colloquial) spelling
            "зворотній",
            "зворотнього",
            "зворотньому",
            "зворотньої",
            "зворотню",
        ]);
        assert_eq!(s, "зворотн");
        assert_conflate(&[
            "ефективний",
            "ефективна",
            "ефективного",
            "ефективних",
            "ефективно",
        ]);
        assert_conflate(&["задоволений", "задоволена", "задоволених", "задоволені"]);
    }

    #[test]
    fn verbs_of_the_uvaty_class_share_one_stem() {
        let s = assert_conflate(&[
            "керувати",
            "керує",
            "керують",
            "керував",
            "керувала",
            "керували",
            "керуючи",
            "керую",
            "керуючий",
        ]);
        assert_eq!(s, "кер");
        // the verb meets its noun
        let s = assert_conflate(&["аналізувати", "аналізує", "аналізують", "аналіз", "аналізу"]);
        assert_eq!(s, "аналіз");
        assert_conflate(&[
            "забезпечувати",
            "забезпечує",
            "забезпечують",
            "забезпечуючи",
        ]);
        // reflexive 3rd person: -ується / -уються
        assert_conflate(&["використовується", "використовуються", "використовувати"]);
    }

    #[test]
    fn different_words_stay_apart() {
        assert_ne!(stem("менеджер"), stem("менеджмент"));
        assert_ne!(stem("менеджера"), stem("менеджменту"));
        assert_ne!(stem("результати"), stem("результ"));
        assert_eq!(stem("результати"), stem("результат"));
        assert_eq!(stem("канали"), stem("канал"));
        assert_eq!(stem("правила"), stem("правил"));
    }

    #[test]
    fn derivational_ist_and_alternations() {
        // -ість nouns meet their adjective when the suffix lies in R2.
        assert_conflate(&["ефективність", "ефективності", "ефективністю", "ефективний"]);
        assert_conflate(&[
            "задоволеність",
            "задоволеності",
            "задоволення",
            "задоволений",
        ]);
        assert_conflate(&["можливість", "можливості", "можливостей", "можливостями"]);
        // short ones only unify the і/о alternation
        assert_conflate(&["якість", "якості", "якістю"]);
        assert_ne!(stem("якість"), "як");
        // fleeting vowels
        assert_conflate(&["помилка", "помилки", "помилок", "помилками"]);
        assert_conflate(&["фахівець", "фахівця", "фахівці", "фахівців", "фахівцем"]);
        assert_conflate(&["рівень", "рівня", "рівні", "рівнем", "рівнів"]);
        assert_conflate(&["рішення", "рішень", "рішеннями"]);
        // і/о alternation
        assert_conflate(&["підхід", "підходу", "підходи", "підходом"]);
        assert_conflate(&["засіб", "засоби", "засобів"]);
        assert_conflate(&["вибір", "вибору"]);
        assert_conflate(&["договір", "договору", "договори"]);
        // geminates
        assert_conflate(&["питання", "питань", "питанням"]);
        assert_conflate(&["стаття", "статті", "статей", "статтю"]);
        // comparative / superlative
        assert_conflate(&["ефективніший", "найефективніший", "ефективний"]);
    }

    #[test]
    fn protected_sequences() {
        assert_conflate(&["програма", "програми", "програм", "програмами", "програмам"]);
        assert_conflate(&["проблема", "проблеми", "проблем", "проблемам"]);
        assert_conflate(&["система", "системи", "систем"]);
        assert_conflate(&["режим", "режиму", "режими", "режимів"]);
        // but the instrumental -ем still goes elsewhere
        assert_conflate(&["вчитель", "вчителя", "вчителем"]);
        assert_conflate(&["користувач", "користувача", "користувачем"]);
    }

    #[test]
    fn ia_nouns() {
        let s = assert_conflate(&[
            "компанія",
            "компанії",
            "компанію",
            "компанією",
            "компаній",
            "компаніям",
            "компаніями",
            "компаніях",
        ]);
        assert_eq!(s, "компан");
        assert_conflate(&["стратегія", "стратегії", "стратегій"]);
        assert_conflate(&["ідея", "ідеї", "ідею", "ідеєю", "ідей", "ідеями", "ідеях"]);
        assert_conflate(&["музей", "музею", "музеї", "музеєм", "музеїв"]);
    }

    #[test]
    fn short_and_foreign_words_unchanged() {
        for w in ["я", "ти", "рік", "дня", "м'я", "її", "кеш"] {
            assert_eq!(stem(w), w);
        }
        for w in [
            "kpi",
            "csat",
            "менеджерs",
            "2025",
            "клієнт1",
            "б'юджет-план",
            "кли́єнти",
        ] {
            assert_eq!(stem(w), w);
        }
        assert_eq!(stem(""), "");
    }

    #[test]
    fn double_stemming_keeps_two_chars() {
        let words = [
            "аааа",
            "ання",
            "ості",
            "увати",
            "уючи",
            "ієї",
            "ьому",
            "іями",
            "ська",
            "нння",
            "оося",
            "ість",
            "ацію",
            "обслуговування",
            "клієнтів",
            "якостей",
            "уюючись",
            "ааааааааа",
            "ь'ь'",
            "''''",
            "а'а'",
        ];
        for w in words {
            let once = stem(w);
            let twice = stem(&once);
            assert!(twice.chars().count() >= 2, "{w} -> {once} -> {twice}");
        }
    }

    #[test]
    fn never_panics_on_tricky_input() {
        let long_cyr = "обслуговування".repeat(800);
        let long_vowels = "я".repeat(10_000);
        let long_consonants = "ж".repeat(10_000);
        let long_mixed = "аб'".repeat(3_400);
        let inputs: Vec<&str> = vec![
            "",
            " ",
            "'",
            "''",
            "ь",
            "ьь",
            "ьььь",
            "аі",
            "іїєґ",
            "ґанок",
            "123",
            "12345",
            "hello",
            "naïve",
            "клієнт\u{301}а",
            "е\u{301}\u{301}\u{301}",
            "КЛІЄНТ",
            "Клієнтів",
            "клієнт🙂",
            "\u{0}\u{0}\u{0}\u{0}",
            "ѣѣѣѣ",
            "ыыыы",
            "ссся",
            "ячись",
            "їв'ї",
            "\u{200b}клієнт",
            "зв’язок",
            "ся'ся'",
            &long_cyr,
            &long_vowels,
            &long_consonants,
            &long_mixed,
        ];
        for w in inputs {
            let s = stem(w);
            assert_eq!(s.is_empty(), w.is_empty(), "{w:?}");
            assert!(s.chars().count() <= w.chars().count(), "{w:?} grew");
        }
        assert!(stem(&long_cyr).chars().count() > 10_000);
    }

    #[test]
    fn seed_article_phrases() {
        // From a real Ukrainian help article ("Що таке менеджер по виконанню обов'язків з
        // обслуговування клієнтів?").
        assert_eq!(
            stem_phrase("обслуговування клієнтів"),
            stem_phrase("обслуговуванні клієнта")
        );
        assert_eq!(
            stem_phrase("задоволеності клієнтів"),
            stem_phrase("задоволення клієнта")
        );
        assert_eq!(
            stem_phrase("Менеджери по виконанню обов'язків з обслуговування клієнтів"),
            stem_phrase("менеджер по виконанні обов'язку з обслуговуванні клієнтам"),
        );
        assert_eq!(
            stem_phrase("аналіз показників обслуговування"),
            stem_phrase("аналізувати показники обслуговуванню"),
        );
        assert_eq!(
            stem_phrase("зворотній зв'язок"),
            stem_phrase("зворотного зв'язку")
        );
        assert_eq!(
            stem_phrase("забезпеченні ефективності та роботи команд"),
            stem_phrase("забезпечення ефективність роботою командами"),
        );
        let question = "що таке менеджер по виконанню обов'язків";
        assert_eq!(stem_phrase(question)[0], stem("менеджер"));
    }

    #[test]
    fn seed_article_every_word_stems_sanely() {
        let text = "Менеджер по виконанню обов'язків з обслуговування клієнтів (CSPM) відіграє \
            важливу роль у забезпеченні ефективності та ефективності роботи команд \
            обслуговування клієнтів. Ця посада передбачає контроль за продуктивністю \
            представників обслуговування клієнтів, аналіз показників обслуговування та \
            впровадження стратегій для покращення загальної задоволеності клієнтів. \
            Регулярно відстежуйте та оцінюйте продуктивність представників, аналізуючи \
            ключові показники продуктивності (KPI), такі як час реакції, швидкість вирішення \
            та оцінки задоволеності клієнтів.";
        let words: Vec<String> = text
            .split(|c: char| !(c.is_alphabetic() || is_apostrophe(c)))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        assert!(words.len() > 50);
        for w in &words {
            let s = stem(w);
            assert!(
                !s.is_empty() && s.chars().count() <= w.chars().count(),
                "{w} -> {s}"
            );
        }
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        let count = |s: &str| stems.iter().filter(|x| x.as_str() == s).count();
        assert_eq!(count("клієнт"), 5);
        assert_eq!(count("обслуговуван"), 4);
        assert_eq!(count("продуктивн"), 3);
        assert_eq!(count("задоволен"), 2);
    }

    #[test]
    fn stop_words() {
        for w in [
            "і",
            "й",
            "та",
            "в",
            "у",
            "на",
            "з",
            "із",
            "до",
            "по",
            "що",
            "як",
            "це",
            "такий",
            "така",
            "таке",
            "такі",
            "хто",
            "де",
            "коли",
            "чому",
            "який",
            "яка",
            "яке",
            "які",
            "або",
            "а",
            "але",
            "не",
            "для",
            "від",
            "про",
            "за",
            "ж",
            "же",
            "би",
            "чи",
            "ще",
            "вже",
            "є",
            "бути",
            "цей",
            "ця",
            "ці",
            "той",
            "те",
            "ті",
            "його",
            "її",
            "їх",
            "він",
            "вона",
            "воно",
            "вони",
            "ми",
            "ви",
            "я",
            "ти",
        ] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in [
            "клієнт",
            "менеджер",
            "обслуговування",
            "команда",
            "бюджет",
            "зв'язок",
            "",
        ] {
            assert!(!is_stop_word(w), "{w}");
        }
        // binary_search needs a strictly sorted list
        assert!(
            STOP_WORDS.windows(2).all(|p| p[0] < p[1]),
            "STOP_WORDS not sorted/unique"
        );
        assert!((100..=180).contains(&STOP_WORDS.len()));
    }

    #[test]
    fn question_words_of_typical_queries() {
        let kept = |q: &str| -> Vec<String> { stem_phrase(q) };
        assert_eq!(kept("що таке зворотний зв'язок"), vec!["зворотн", "зв'язк"]);
        assert_eq!(kept("хто такий менеджер"), vec!["менеджер"]);
        assert_eq!(kept("як керувати командою"), vec!["кер", "команд"]);
        assert_eq!(kept("які послуги"), vec!["послуг"]);
    }
}
