//! serde's messages about a request body, retold for a person.

use tsunagu_model::problem::{BodyFault, Problem};

/// serde's account of JSON that does not fit, as a problem: which field and
/// what is wrong with it, never the value sent nor a Rust type's name. (axum
/// writes "Failed to deserialize …: <path>: <serde's message> at line L column C".)
pub(super) fn describe_data_error(text: &str) -> Problem {
    let text = text
        .split_once("target type: ")
        .map_or(text, |(_, rest)| rest);
    let text = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => text,
    };
    // A path has no spaces; serde's messages do.
    let (path, message) = match text.split_once(": ") {
        Some((path, message)) if !path.contains(' ') => (Some(path), message),
        _ => (None, text),
    };
    let quoted = |m: &str| m.split('`').nth(1).map(str::to_owned);
    let joined = |name: String| match path {
        Some(path) => format!("{path}.{name}"),
        None => name,
    };
    let named = |rest: &str, fault| Problem::BodyShape {
        field: Some(joined(quoted(rest).unwrap_or_default())),
        fault,
    };
    if let Some(rest) = message.strip_prefix("missing field ") {
        return named(rest, BodyFault::Missing);
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return named(rest, BodyFault::Unknown);
    }
    let fault =
        if message.starts_with("unknown variant") || message.starts_with("data did not match") {
            BodyFault::NotAllowed
        } else if message.starts_with("invalid type") {
            BodyFault::WrongType
        } else if message.starts_with("invalid length") {
            BodyFault::WrongLength
        } else if message.starts_with("duplicate field") {
            BodyFault::Twice
        } else if message.contains('`') || message.contains('"') || message.contains("UUID") {
            BodyFault::Invalid
        } else {
            // The domain's own words (a login name's rule, a name's): kept.
            BodyFault::Rule {
                rule: message.to_owned(),
            }
        };
    Problem::BodyShape {
        field: path.map(str::to_owned),
        fault,
    }
}

#[cfg(test)]
mod tests {
    use tsunagu_model::Lang;

    use super::describe_data_error;

    const PREFIX: &str = "Failed to deserialize the JSON body into the target type: ";

    #[test]
    fn serde_errors_name_the_field_and_never_the_value_or_a_type() {
        for (serde, told) in [
            (
                "mutations[0].type: unknown variant `secret`, expected one of `notebook_entry`, `meeting` at line 1 column 52",
                "The field mutations[0].type is not one of the allowed values.",
            ),
            (
                "missing field `mutations` at line 1 column 2",
                "The field mutations is missing.",
            ),
            (
                "mutations[0]: missing field `client` at line 1 column 9",
                "The field mutations[0].client is missing.",
            ),
            (
                "invalid type: sequence, expected struct PushRequest at line 1 column 0",
                "The request body has the wrong type of value.",
            ),
            (
                "login: invalid type: integer `3`, expected a string at line 1 column 10",
                "The field login has the wrong type of value.",
            ),
            (
                "mutations[0].id: UUID parsing failed: invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `z` at 1 at line 1 column 40",
                "The field mutations[0].id is not valid.",
            ),
        ] {
            let problem = describe_data_error(&format!("{PREFIX}{serde}"));
            let message = problem.explain(Lang::En);
            let japanese = problem.explain(Lang::Ja);
            assert!(!japanese.is_ascii(), "{japanese}");
            assert_eq!(message, told);
            for leak in ["secret", "PushRequest", "struct", "`"] {
                assert!(!message.contains(leak), "{message}");
            }
        }
    }
}
