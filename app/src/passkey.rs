//! Passkeys in the browser. The server's challenge is handed to the browser as
//! JSON and the browser's answer goes back as JSON, through the browser's own
//! converters (`PublicKeyCredential.parse…FromJSON`, `credential.toJSON()`), so
//! the app never decodes WebAuthn structures itself.

use js_sys::{JSON, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue, prelude::wasm_bindgen};
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, FetchError};
use tsunagu_model::endpoints as e;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = PublicKeyCredential, js_name = parseCreationOptionsFromJSON, catch)]
    fn parse_creation_options(json: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = PublicKeyCredential, js_name = parseRequestOptionsFromJSON, catch)]
    fn parse_request_options(json: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["navigator", "credentials"], js_name = create, catch)]
    fn credentials_create(options: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["navigator", "credentials"], js_name = get, catch)]
    fn credentials_get(options: &JsValue) -> Result<Promise, JsValue>;

    type Credential;
    #[wasm_bindgen(method, js_name = toJSON, catch)]
    fn to_json(this: &Credential) -> Result<JsValue, JsValue>;
}

#[derive(Debug, Clone, PartialEq)]
pub enum PasskeyError {
    /// This browser cannot use passkeys here (too old, or not a secure address).
    Unavailable,
    /// The person closed the dialog, or it timed out.
    Cancelled,
    /// The device or the browser refused for another reason.
    Failed,
    Server(FetchError),
}

/// Whether the browser has what these ceremonies use; older ones get the password form.
pub fn supported() -> bool {
    let global = js_sys::global();
    Reflect::get(&global, &"PublicKeyCredential".into())
        .ok()
        .filter(|pkc| !pkc.is_undefined())
        .and_then(|pkc| Reflect::get(&pkc, &"parseCreationOptionsFromJSON".into()).ok())
        .is_some_and(|f| f.is_function())
        && web_sys::window().is_some_and(|w| w.is_secure_context())
}

/// Sets up a passkey for the invitation with `code`; on success the person is signed in.
pub async fn set_up(code: &str) -> Result<(), PasskeyError> {
    let code = code.to_owned();
    let challenge = api::call_with_text(&e::StartPasskeySetUp { code: code.clone() }, "null")
        .await
        .map_err(PasskeyError::Server)?;
    let answer = ceremony(&challenge, Ceremony::Create).await?;
    api::call_with_text(&e::FinishPasskeySetUp { code }, &answer)
        .await
        .map(drop)
        .map_err(PasskeyError::Server)
}

/// Signs in with a passkey the device holds; the browser lets the person choose.
pub async fn sign_in() -> Result<(), PasskeyError> {
    let challenge = api::call_with_text(&e::StartPasskeySignIn {}, "null")
        .await
        .map_err(PasskeyError::Server)?;
    let answer = ceremony(&challenge, Ceremony::Get).await?;
    api::call_with_text(&e::FinishPasskeySignIn {}, &answer)
        .await
        .map(drop)
        .map_err(PasskeyError::Server)
}

#[derive(Clone, Copy)]
enum Ceremony {
    Create,
    Get,
}

/// `{ceremony, options: {publicKey}}` in, `{ceremony, credential}` out.
async fn ceremony(challenge: &str, kind: Ceremony) -> Result<String, PasskeyError> {
    let unreadable = || PasskeyError::Server(FetchError::Unreadable);
    let challenge = JSON::parse(challenge).map_err(|_| unreadable())?;
    let id = Reflect::get(&challenge, &"ceremony".into()).map_err(|_| unreadable())?;
    let public_key = Reflect::get(&challenge, &"options".into())
        .and_then(|o| Reflect::get(&o, &"publicKey".into()))
        .map_err(|_| unreadable())?;
    let parsed = match kind {
        Ceremony::Create => parse_creation_options(&public_key),
        Ceremony::Get => parse_request_options(&public_key),
    }
    .map_err(|_| PasskeyError::Unavailable)?;
    let options = Object::new();
    Reflect::set(&options, &"publicKey".into(), &parsed).map_err(|_| PasskeyError::Failed)?;
    let pending = match kind {
        Ceremony::Create => credentials_create(&options),
        Ceremony::Get => credentials_get(&options),
    }
    .map_err(|e| refusal(&e))?;
    let credential = JsFuture::from(pending).await.map_err(|e| refusal(&e))?;
    if credential.is_null() {
        return Err(PasskeyError::Cancelled);
    }
    let credential = credential
        .unchecked_into::<Credential>()
        .to_json()
        .map_err(|_| PasskeyError::Failed)?;
    let answer = Object::new();
    Reflect::set(&answer, &"ceremony".into(), &id).map_err(|_| PasskeyError::Failed)?;
    Reflect::set(&answer, &"credential".into(), &credential).map_err(|_| PasskeyError::Failed)?;
    JSON::stringify(&answer)
        .map(String::from)
        .map_err(|_| PasskeyError::Failed)
}

/// What the browser's refusal (a DOMException) means for the person.
fn refusal(error: &JsValue) -> PasskeyError {
    let name = Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "AbortError" => PasskeyError::Cancelled,
        "SecurityError" | "NotSupportedError" => PasskeyError::Unavailable,
        _ => PasskeyError::Failed,
    }
}
