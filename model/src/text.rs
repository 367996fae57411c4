//! Names and short texts people type (a family's name, an invitation's name, a
//! child's given name, a school), parsed once at the edge into a type that can
//! only hold an acceptable one: in Unicode NFC (on the server, which stores them;
//! see the `nfc` feature), trimmed, with no control character (NUL, newline,
//! escape…) and no bidirectional override, embedding, isolate or mark (which
//! would show a name reversed, or reorder the text around it), and, for a name,
//! at least one visible character (not only spaces or zero-width characters).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a typed name or short text is refused. The messages complete "The … "
/// (e.g. "The family's name is empty").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvalidText {
    #[error("is empty or shows nothing")]
    Invisible,
    #[error("is longer than {0} characters")]
    TooLong(usize),
    #[error("contains a control character (such as a line break)")]
    Control,
    #[error("contains a character that changes the direction of the text")]
    Bidi,
}

impl InvalidText {
    /// Why, after the field's name: "名前が空か…" / "The name is empty…".
    pub fn explain(&self, lang: crate::Lang) -> String {
        match (self, lang) {
            (Self::Invisible, crate::Lang::Ja) => "が空か、目に見える文字がありません".to_owned(),
            (Self::TooLong(n), crate::Lang::Ja) => format!("は{n}文字までです"),
            (Self::Control, crate::Lang::Ja) => "に改行などの制御文字が入っています".to_owned(),
            (Self::Bidi, crate::Lang::Ja) => "に文字の向きを変える文字が入っています".to_owned(),
            (problem, crate::Lang::En) => problem.to_string(),
        }
    }
}

/// Characters that reorder text: the bidirectional embeddings, overrides,
/// isolates and marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that show nothing by themselves: spaces, zero-width and
/// formatting characters, fillers, variation selectors and tags.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// What may be cut from either end: spaces and zero-width spaces and joiners
/// (never a variation selector, which belongs to the character before it).
fn is_trimmed(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

#[cfg(feature = "nfc")]
fn normalised(raw: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    raw.nfc().collect()
}

#[cfg(not(feature = "nfc"))]
fn normalised(raw: &str) -> String {
    raw.to_owned()
}

/// The rule for every typed name and short text; `required`: at least one
/// visible character.
fn parse_text(raw: &str, max_chars: usize, required: bool) -> Result<String, InvalidText> {
    let text = normalised(raw).trim_matches(is_trimmed).to_owned();
    if text.chars().any(char::is_control) {
        return Err(InvalidText::Control);
    }
    if text.chars().any(is_bidi_control) {
        return Err(InvalidText::Bidi);
    }
    if text.chars().count() > max_chars {
        return Err(InvalidText::TooLong(max_chars));
    }
    if required && text.chars().all(is_invisible) {
        return Err(InvalidText::Invisible);
    }
    Ok(text)
}

/// The same rule for a short word kept as typed (a notebook tag), without
/// normalising, so the app and the server agree on it to the character: one
/// line, no direction controls, something visible, at most `max_chars`.
pub fn check_word(raw: &str, max_chars: usize) -> Result<(), InvalidText> {
    if raw.trim_matches(is_trimmed) != raw {
        return Err(InvalidText::Invisible);
    }
    if raw.chars().any(char::is_control) {
        return Err(InvalidText::Control);
    }
    if raw.chars().any(is_bidi_control) {
        return Err(InvalidText::Bidi);
    }
    if raw.chars().count() > max_chars {
        return Err(InvalidText::TooLong(max_chars));
    }
    if raw.chars().all(is_invisible) {
        return Err(InvalidText::Invisible);
    }
    Ok(())
}

/// Most characters of a person's, family's or school's name.
pub const NAME_MAX_CHARS: usize = 100;

/// A name people see in lists: never blank, never reversed, never hiding text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

impl Name {
    pub fn parse(raw: &str) -> Result<Self, InvalidText> {
        parse_text(raw, NAME_MAX_CHARS, true).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A short text that may be left empty (a child's school), by the same rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct ShortText(String);

impl ShortText {
    pub fn parse(raw: &str) -> Result<Self, InvalidText> {
        parse_text(raw, NAME_MAX_CHARS, false).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

macro_rules! text_conversions {
    ($t:ident) => {
        impl TryFrom<String> for $t {
            type Error = InvalidText;

            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw)
            }
        }

        impl From<$t> for String {
            fn from(text: $t) -> Self {
                text.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_conversions!(Name);
text_conversions!(ShortText);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_reported_names_are_refused_and_real_ones_kept() {
        assert_eq!(Name::parse("\u{0000}x"), Err(InvalidText::Control));
        assert_eq!(Name::parse("x\u{0000}"), Err(InvalidText::Control));
        assert_eq!(Name::parse("\u{200b}"), Err(InvalidText::Invisible));
        assert_eq!(Name::parse("\u{202e}evil"), Err(InvalidText::Bidi));
        assert_eq!(Name::parse("高台\u{2067}さん"), Err(InvalidText::Bidi));
        assert_eq!(Name::parse("森川\nさん"), Err(InvalidText::Control));
        assert_eq!(Name::parse("   "), Err(InvalidText::Invisible));
        assert_eq!(Name::parse("\u{3164}"), Err(InvalidText::Invisible));
        assert_eq!(
            Name::parse(&"あ".repeat(101)),
            Err(InvalidText::TooLong(100))
        );
        assert_eq!(
            Name::parse("  森川さん\u{200b} ").unwrap().as_str(),
            "森川さん"
        );
        // A kanji with its variation selector (異体字) keeps it.
        assert_eq!(
            Name::parse("葛\u{E0100}城").unwrap().as_str(),
            "葛\u{E0100}城"
        );
        assert_eq!(ShortText::parse("  ").unwrap().as_str(), "");
        assert_eq!(ShortText::parse("\u{202d}園"), Err(InvalidText::Bidi));
    }

    #[test]
    fn a_tag_is_one_visible_word_as_typed() {
        assert_eq!(check_word("療育", 30), Ok(()));
        assert_eq!(check_word("\u{200b}", 30), Err(InvalidText::Invisible));
        assert_eq!(check_word(" 園", 30), Err(InvalidText::Invisible));
        assert_eq!(check_word("\u{202e}園", 30), Err(InvalidText::Bidi));
        assert_eq!(check_word("園\n", 30), Err(InvalidText::Invisible));
        assert_eq!(check_word("園\u{7}", 30), Err(InvalidText::Control));
    }

    #[cfg(feature = "nfc")]
    #[test]
    fn names_are_stored_composed() {
        // が typed as か + combining voiced mark is stored as the one character.
        assert_eq!(Name::parse("か\u{3099}く").unwrap().as_str(), "がく");
        assert_eq!(Name::parse("e\u{301}").unwrap().as_str(), "é");
    }

    proptest! {
        #[test]
        fn whatever_is_typed_is_refused_or_is_a_clean_name(raw in any::<String>()) {
            if let Ok(name) = Name::parse(&raw) {
                {
                    let s = name.as_str();
                    prop_assert!(!s.chars().any(char::is_control));
                    prop_assert!(!s.chars().any(is_bidi_control));
                    prop_assert!(s.chars().any(|c| !is_invisible(c)));
                    prop_assert!(s.chars().count() <= NAME_MAX_CHARS);
                    prop_assert_eq!(s.trim_matches(is_trimmed), s);
                    // Parsing again changes nothing.
                    let again = Name::parse(s);
                    prop_assert_eq!(again.as_ref(), Ok(&name));
                    #[cfg(feature = "nfc")]
                    prop_assert!(unicode_normalization::is_nfc(s));
                }
            }
        }

        #[test]
        fn any_string_with_a_control_or_bidi_character_inside_is_refused(
            before in "[a-zあ-ん]{1,5}",
            bad in prop::sample::select(vec!['\u{0}', '\u{7}', '\n', '\u{1b}', '\u{7f}', '\u{202e}', '\u{2066}', '\u{200f}']),
            after in "[a-zあ-ん]{1,5}",
        ) {
            let raw = format!("{before}{bad}{after}");
            prop_assert!(Name::parse(&raw).is_err());
            prop_assert!(ShortText::parse(&raw).is_err());
        }
    }
}
