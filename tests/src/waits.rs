//! Waits that poll a condition until `DEADLINE` (never a fixed sleep), and the
//! acts that find an element and act on it in one step, again after a
//! re-render: clicking (once the button is enabled), filling, setting a value.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::json;

/// How long any wait waits: long enough for a busy machine, short enough to
/// fail a test that will never pass.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// Waits until the first element matching `css` has text containing `needle`.
pub async fn wait_for_text(client: &Client, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let mut seen = String::new();
    loop {
        tick.tick().await;
        if let Ok(element) = client.find(Locator::Css(css)).await
            && let Ok(text) = element.text().await
        {
            if text.contains(needle) {
                return text;
            }
            seen = text;
        }
        assert!(
            Instant::now() < deadline,
            "`{css}` did not show {needle:?} within {DEADLINE:?}; it showed {seen:?}"
        );
    }
}

/// Waits until a script returns `true`.
pub async fn wait_for_script(client: &Client, script: &str, what: &str) {
    let deadline = Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tick.tick().await;
        if let Ok(serde_json::Value::Bool(true)) = client.execute(script, vec![]).await {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what} did not happen within {DEADLINE:?}"
        );
    }
}

/// Replaces a field's text by typing, as a person would.
pub async fn fill(client: &Client, css: &str, text: &str) {
    act(client, Locator::Css(css), "fill", async |field| {
        field.clear().await?;
        field.send_keys(text).await
    })
    .await;
}

/// Clicks as a person would: scrolled to the middle of the screen first, where
/// the fixed bottom navigation does not cover it.
pub async fn click(client: &Client, css: &str) {
    click_at(client, Locator::Css(css)).await;
}

pub async fn click_at(client: &Client, locator: Locator<'_>) {
    act(client, locator, "click", async |element| {
        client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' })",
                vec![
                    serde_json::to_value(&element)
                        .map_err(|e| fantoccini::error::CmdError::NotJson(e.to_string()))?,
                ],
            )
            .await?;
        // A person cannot press a disabled button: wait until it may be pressed
        // (WebDriver would click it and nothing would happen).
        if !element.is_enabled().await? {
            return Err(fantoccini::error::CmdError::InvalidArgument(
                "element".into(),
                "is disabled".into(),
            ));
        }
        element.click().await
    })
    .await;
}

/// Finds an element and acts on it in one step, again from the finding when the
/// page re-rendered in between (a stale or not yet clickable element), until the
/// deadline: a busy machine may render at any moment.
pub async fn act<F>(client: &Client, locator: Locator<'_>, what: &str, action: F)
where
    F: AsyncFn(fantoccini::elements::Element) -> Result<(), fantoccini::error::CmdError>,
{
    let deadline = Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tick.tick().await;
        let last = match client.find(locator).await {
            Ok(element) => match action(element).await {
                Ok(()) => return,
                Err(error) => error.to_string(),
            },
            Err(error) => error.to_string(),
        };
        assert!(
            Instant::now() < deadline,
            "could not {what} {locator:?} within {DEADLINE:?}: {last}"
        );
    }
}

/// Sets a form field's value the way typing would end (date and time inputs take
/// keys in the browser's locale; this does not depend on it).
pub async fn set_value(client: &Client, css: &str, value: &str) {
    client
        .wait()
        .at_most(DEADLINE)
        .for_element(Locator::Css(css))
        .await
        .unwrap();
    let script = "const e = document.querySelector(arguments[0]); e.value = arguments[1];
                  e.dispatchEvent(new Event('input', { bubbles: true }));
                  e.dispatchEvent(new Event('change', { bubbles: true })); return true;";
    client
        .execute(script, vec![json!(css), json!(value)])
        .await
        .unwrap();
}

pub async fn textarea_shows(c: &Client, text: &str) {
    let script = format!(
        "const t = document.querySelector('[data-testid=entry-editor] textarea'); return !!t && t.value === {};",
        serde_json::to_string(text).unwrap()
    );
    wait_for_script(c, &script, &format!("the text box showing {text:?}")).await;
}

/// Waits until the server holds an entry whose text is `text`, with `versions`
/// versions of it side by side (2 while two devices' edits clash).
pub async fn wait_for_server(db: &sqlx::SqlitePool, text: &str, versions: usize) {
    wait_for_versions(db, "text", text, Some(versions)).await;
}

/// Waits until a record on the server holds `text` in `field`.
pub async fn wait_for_stored(db: &sqlx::SqlitePool, field: &str, text: &str) {
    wait_for_versions(db, field, text, None).await;
}

async fn wait_for_versions(
    db: &sqlx::SqlitePool,
    field: &str,
    text: &str,
    versions: Option<usize>,
) {
    let deadline = Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tick.tick().await;
        let rows: Vec<(String,)> = sqlx::query_as("SELECT fields FROM sync_records")
            .fetch_all(db)
            .await
            .unwrap();
        let found = rows.iter().any(|(fields,)| {
            let fields: tsunagu_model::sync::Fields = serde_json::from_str(fields).unwrap();
            fields.get(field).is_some_and(|f| {
                versions.is_none_or(|n| f.versions().len() == n)
                    && f.versions().iter().any(|v| v.value.as_text() == Some(text))
            })
        });
        if found {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not get {text:?} in {field} ({versions:?} versions) within {DEADLINE:?}"
        );
    }
}
