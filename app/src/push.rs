//! This device's push subscription: asked for only when the person turns push
//! reminders on (the browser's permission prompt never comes on its own), sent
//! to the server, and removed again when they turn them off.

use tsunagu_model::{
    endpoints::{GetPushKey, NoContent, SubscribePush, UnsubscribePush},
    reminders::{NewPushSubscription, PushEndpoint},
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{PushManager, PushSubscription, ServiceWorkerRegistration};

use crate::api::{FetchError, call};

/// Why push reminders could not be turned on (or off).
#[derive(Debug, Clone, PartialEq)]
pub enum PushError {
    /// No notifications, no push or no service worker in this browser.
    Unsupported,
    /// The person (or the browser's settings) refused notifications.
    Denied,
    /// The browser failed on the way (no worker yet, the push service unreachable).
    Browser,
    Server(FetchError),
}

fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false)
}

/// Whether this browser can receive push reminders at all.
pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| {
        has(&w, "Notification") && has(&w, "PushManager") && has(&w.navigator(), "serviceWorker")
    })
}

/// The app's worker registration, once its worker is active (push needs one).
async fn push_manager() -> Result<PushManager, PushError> {
    let window = web_sys::window().ok_or(PushError::Unsupported)?;
    let container = window.navigator().service_worker();
    // `ready` would wait for ever where no worker was registered.
    let found = JsFuture::from(container.get_registration())
        .await
        .map_err(|_| PushError::Browser)?;
    if found.is_undefined() {
        return Err(PushError::Browser);
    }
    let ready = container.ready().map_err(|_| PushError::Browser)?;
    let registration: ServiceWorkerRegistration = JsFuture::from(ready)
        .await
        .map_err(|_| PushError::Browser)?
        .dyn_into()
        .map_err(|_| PushError::Browser)?;
    registration
        .push_manager()
        .map_err(|_| PushError::Unsupported)
}

async fn subscription(manager: &PushManager) -> Option<PushSubscription> {
    let found = JsFuture::from(manager.get_subscription().ok()?)
        .await
        .ok()?;
    found.dyn_into().ok()
}

/// How long the browser's push service may take to give a subscription: one
/// that cannot be reached would otherwise keep the toggle busy for ever.
const SUBSCRIBE_WITHIN_MS: i32 = 30_000;

/// `promise`, or a rejection once `ms` have passed.
fn within(promise: js_sys::Promise, ms: i32) -> js_sys::Promise {
    let timeout = js_sys::Promise::new(&mut |_, reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&reject, ms);
        }
    });
    js_sys::Promise::race(&js_sys::Array::of2(&promise, &timeout))
}

/// This device's subscription, if it has one; never asks for permission.
pub async fn current() -> Option<PushSubscription> {
    if !supported() {
        return None;
    }
    subscription(&push_manager().await.ok()?).await
}

/// Asks for permission, subscribes this device with the server's key and gives
/// the subscription to the server.
pub async fn subscribe() -> Result<(), PushError> {
    if !supported() {
        return Err(PushError::Unsupported);
    }
    let asked = web_sys::Notification::request_permission().map_err(|_| PushError::Unsupported)?;
    let permission = JsFuture::from(asked).await.map_err(|_| PushError::Denied)?;
    if permission.as_string().as_deref() != Some("granted") {
        return Err(PushError::Denied);
    }
    let manager = push_manager().await?;
    let subscription = match subscription(&manager).await {
        // Subscribed before (another session on this device): the same one again.
        Some(held) => held,
        None => {
            let key = call(&GetPushKey {}, &NoContent)
                .await
                .map_err(PushError::Server)?;
            let key = base64url_decode(&key.key).ok_or(PushError::Browser)?;
            let options = web_sys::PushSubscriptionOptionsInit::new();
            options.set_user_visible_only(true);
            options.set_application_server_key_opt_u8_array(Some(&js_sys::Uint8Array::from(
                key.as_slice(),
            )));
            let subscribing = manager
                .subscribe_with_options(&options)
                .map_err(|_| PushError::Browser)?;
            JsFuture::from(within(subscribing, SUBSCRIBE_WITHIN_MS))
                .await
                .map_err(|error| {
                    let name = js_sys::Reflect::get(&error, &"name".into())
                        .ok()
                        .and_then(|n| n.as_string());
                    if name.as_deref() == Some("NotAllowedError") {
                        PushError::Denied
                    } else {
                        PushError::Browser
                    }
                })?
                .dyn_into()
                .map_err(|_| PushError::Browser)?
        }
    };
    // `JSON.stringify` calls the subscription's `toJSON()`.
    let body: NewPushSubscription = js_sys::JSON::stringify(&subscription)
        .ok()
        .and_then(|json| json.as_string())
        .and_then(|json| serde_json::from_str(&json).ok())
        .ok_or(PushError::Browser)?;
    if let Err(error) = call(&SubscribePush {}, &body).await {
        // The server will not send to it: the device holds no subscription for nothing.
        if let Ok(dropping) = subscription.unsubscribe() {
            let _ = JsFuture::from(dropping).await;
        }
        return Err(PushError::Server(error));
    }
    Ok(())
}

/// Tells the server to forget this device's subscription, then drops it.
pub async fn unsubscribe() -> Result<(), PushError> {
    let Some(subscription) = current().await else {
        return Ok(());
    };
    let endpoint = PushEndpoint {
        endpoint: subscription.endpoint(),
    };
    match call(&UnsubscribePush {}, &endpoint).await {
        // Already forgotten there (the push service had said it was gone).
        Ok(_) | Err(FetchError::Server { status: 404, .. }) => {}
        Err(error) => return Err(PushError::Server(error)),
    }
    let dropping = subscription.unsubscribe().map_err(|_| PushError::Browser)?;
    JsFuture::from(dropping)
        .await
        .map_err(|_| PushError::Browser)?;
    Ok(())
}

/// Base64url (RFC 4648 §5), padded or not, as the server gives its key.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    };
    let digits = text.trim().trim_end_matches('=').as_bytes();
    if digits.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut bits = 0u32;
        for (n, c) in chunk.iter().enumerate() {
            bits |= value(*c)? << (18 - 6 * n);
        }
        let bytes = bits.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::base64url_decode;

    #[test]
    fn a_key_decodes_from_base64url_with_or_without_padding() {
        assert_eq!(base64url_decode("").as_deref(), Some(&[][..]));
        assert_eq!(base64url_decode("Zg").as_deref(), Some(&b"f"[..]));
        assert_eq!(base64url_decode("Zm8=").as_deref(), Some(&b"fo"[..]));
        assert_eq!(base64url_decode("Zm9v").as_deref(), Some(&b"foo"[..]));
        assert_eq!(base64url_decode("Zm9vYg").as_deref(), Some(&b"foob"[..]));
        // The two characters base64url has instead of "+" and "/".
        assert_eq!(base64url_decode("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(base64url_decode("a+b/"), None);
        assert_eq!(base64url_decode("abcde"), None);
    }
}
