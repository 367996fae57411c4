//! Forgiving search, the same on the phone and the server: a person types
//! 「はったつ」, 「ハッタツ」 or half-width 「ﾊｯﾀﾂ」 and finds 「発達支援センター
//! (はったつしえんせんたー)」; full-width and half-width letters and digits,
//! upper and lower case, match alike. No Unicode tables: the app carries this
//! too, and the folding needed is the kana and width of Japanese text.

/// `text` as it is compared: katakana as hiragana, half-width katakana made
/// whole (with their voiced marks), full-width ASCII as ASCII, lower case, and
/// every run of white space (the ideographic space too) as one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut spaced = true;
    while let Some(c) = chars.next() {
        let c = match c {
            // Half-width katakana: whole, joined with a voiced mark that follows.
            '\u{FF66}'..='\u{FF9D}' => {
                let whole = half_width_kana(c);
                match chars.peek() {
                    Some('\u{FF9E}') if voiced(whole).is_some() => {
                        chars.next();
                        voiced(whole).unwrap_or(whole)
                    }
                    Some('\u{FF9F}') if semi_voiced(whole).is_some() => {
                        chars.next();
                        semi_voiced(whole).unwrap_or(whole)
                    }
                    _ => whole,
                }
            }
            c => c,
        };
        let c = match c {
            // Full-width ASCII.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            // Katakana to hiragana (ァ..ヶ; ヷ–ヺ and ー have no hiragana and stay).
            '\u{30A1}'..='\u{30F6}' => char::from_u32(u32::from(c) - 0x60).unwrap_or(c),
            c => c,
        };
        if c.is_whitespace() {
            if !spaced {
                out.push(' ');
                spaced = true;
            }
            continue;
        }
        spaced = false;
        out.extend(c.to_lowercase());
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// What a person typed into a search box, folded once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn parse(typed: &str) -> Self {
        Self {
            words: fold(typed)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word is in one of `texts` (an empty query finds everything).
    pub fn finds<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> bool {
        let folded: Vec<String> = texts.into_iter().map(fold).collect();
        self.words
            .iter()
            .all(|word| folded.iter().any(|text| text.contains(word.as_str())))
    }
}

/// Half-width katakana U+FF66..U+FF9D as the full-width katakana it stands for.
fn half_width_kana(c: char) -> char {
    const KANA: [char; 56] = [
        'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー', 'ア', 'イ', 'ウ', 'エ',
        'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ',
        'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', 'ム', 'メ',
        'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン',
    ];
    let index = (u32::from(c) - 0xFF66) as usize;
    KANA.get(index).copied().unwrap_or(c)
}

/// The voiced form (ガ from カ, ヴ from ウ), if the kana has one.
fn voiced(c: char) -> Option<char> {
    match c {
        'ウ' => Some('ヴ'),
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ'
        | 'ツ' | 'テ' | 'ト' | 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => {
            char::from_u32(u32::from(c) + 1)
        }
        _ => None,
    }
}

/// The semi-voiced form (パ from ハ), if the kana has one.
fn semi_voiced(c: char) -> Option<char> {
    match c {
        'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => char::from_u32(u32::from(c) + 2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kana_and_widths_fold_alike() {
        assert_eq!(fold("ハッタツ"), "はったつ");
        assert_eq!(fold("ﾊｯﾀﾂ"), "はったつ");
        assert_eq!(fold("ｶﾞｯｺｳ"), "がっこう");
        assert_eq!(fold("ﾊﾟﾊﾟ"), "ぱぱ");
        assert_eq!(fold("ｳﾞ"), "ゔ");
        assert_eq!(fold("ｾﾝﾀｰ"), "せんたー");
        assert_eq!(fold("ＡＢＣ　１２３"), "abc 123");
        assert_eq!(fold("  Day  Support "), "day support");
        // Kanji stay as they are.
        assert_eq!(fold("発達支援センター"), "発達支援せんたー");
    }

    #[test]
    fn a_query_finds_by_name_or_reading_every_word_somewhere() {
        let name = "発達支援センター こばと";
        let reading = "はったつしえんせんたー こばと";
        for typed in [
            "はったつ",
            "ハッタツ",
            "ﾊｯﾀﾂ",
            "発達",
            "こばと センター",
            "ＫＯＢＡＴＯ",
        ] {
            let query = Query::parse(typed);
            let found = query.finds([name, reading, "kobato"]);
            assert!(found, "{typed}");
        }
        assert!(!Query::parse("はったつ 病院").finds([name, reading]));
        assert!(Query::parse("   ").finds([name]));
        assert!(Query::parse("").is_empty());
    }

    proptest! {
        /// Folding twice changes nothing, and a word in katakana is found by
        /// its hiragana and the other way round.
        #[test]
        fn folding_is_stable_and_kana_match_both_ways(text in "[ぁ-ゖァ-ヶa-zA-Z０-９ 　]{0,20}") {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
            let katakana: String = text
                .chars()
                .map(|c| match c {
                    'ぁ'..='ゖ' => char::from_u32(u32::from(c) + 0x60).unwrap_or(c),
                    c => c,
                })
                .collect();
            prop_assert_eq!(fold(&katakana), once);
        }
    }
}
