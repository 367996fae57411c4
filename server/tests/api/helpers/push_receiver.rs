//! A stand-in push service on 127.0.0.1: it holds one browser's subscription
//! keys, and checks and decrypts what the server posts the way a browser and
//! its push service would. Everything here uses OpenSSL, not the server's
//! RustCrypto code, so a mistake shared by both sides cannot pass unseen.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use axum::{
    Router,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::post,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use openssl::{
    bn::{BigNum, BigNumContext},
    derive::Deriver,
    ec::{EcGroup, EcKey, EcPoint, PointConversionForm},
    ecdsa::EcdsaSig,
    hash::MessageDigest,
    nid::Nid,
    pkey::{PKey, Private, Public},
    sign::Signer,
    symm::{Cipher, decrypt_aead},
};
use tokio::{sync::watch, task::JoinHandle};

/// How long a test waits for pushes before it fails.
const PUSH_DEADLINE: Duration = Duration::from_secs(10);

/// What the receiver answers to a push that passed its checks.
#[derive(Debug, Clone)]
pub struct Answer {
    status: u16,
    retry_after: Option<u64>,
}

impl Answer {
    pub fn status(status: u16) -> Self {
        Self {
            status,
            retry_after: None,
        }
    }

    pub fn retry_after(status: u16, seconds: u64) -> Self {
        Self {
            status,
            retry_after: Some(seconds),
        }
    }
}

/// The subscription as a browser hands it to the app (`PushSubscription.toJSON()`).
#[derive(Debug, Clone)]
pub struct BrowserSubscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// The claims of a VAPID token whose signature checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VapidClaims {
    pub aud: String,
    pub exp: u64,
    pub sub: String,
}

/// One push as it arrived: its headers, and the outcome of each check.
#[derive(Debug, Clone)]
pub struct ReceivedPush {
    pub ttl: Option<String>,
    pub urgency: Option<String>,
    pub content_encoding: Option<String>,
    pub content_type: Option<String>,
    pub vapid: Result<VapidClaims, String>,
    pub message: Result<serde_json::Value, String>,
}

pub struct PushReceiver {
    origin: String,
    subscription: BrowserSubscription,
    shared: Arc<Shared>,
    count: watch::Receiver<usize>,
    server: JoinHandle<()>,
}

struct Shared {
    origin: String,
    token: String,
    /// The server's VAPID public key, as `GET /api/push/key` gives it.
    expected_server_key: Mutex<Vec<u8>>,
    browser_key: PKey<Private>,
    browser_public: Vec<u8>,
    auth_secret: [u8; 16],
    answers: Mutex<VecDeque<Answer>>,
    received: Mutex<Vec<ReceivedPush>>,
    count: watch::Sender<usize>,
}

impl PushReceiver {
    /// A receiver that accepts only tokens signed by `expected_server_key`
    /// (base64url of the server's VAPID public key).
    pub async fn start(expected_server_key: &str) -> Self {
        let group = p256();
        let browser = EcKey::generate(&group).expect("a browser key pair");
        let mut context = BigNumContext::new().expect("a BN context");
        let browser_public = browser
            .public_key()
            .to_bytes(&group, PointConversionForm::UNCOMPRESSED, &mut context)
            .expect("the browser's public point");
        let browser_key = PKey::from_ec_key(browser).expect("a PKey");
        let mut auth_secret = [0u8; 16];
        openssl::rand::rand_bytes(&mut auth_secret).expect("randomness");
        let mut token = [0u8; 16];
        openssl::rand::rand_bytes(&mut token).expect("randomness");
        let token = URL_SAFE_NO_PAD.encode(token);

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let address = listener.local_addr().expect("its address");
        let origin = format!("http://{address}");
        let (count_sender, count) = watch::channel(0);
        let shared = Arc::new(Shared {
            origin: origin.clone(),
            token: token.clone(),
            expected_server_key: Mutex::new(
                URL_SAFE_NO_PAD
                    .decode(expected_server_key)
                    .expect("the server key is base64url"),
            ),
            browser_key,
            browser_public: browser_public.clone(),
            auth_secret,
            answers: Mutex::new(VecDeque::new()),
            received: Mutex::new(Vec::new()),
            count: count_sender,
        });
        let app = Router::new()
            .route("/push/{token}", post(receive))
            .with_state(shared.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .await
                .expect("the receiver serves");
        });
        let subscription = BrowserSubscription {
            endpoint: format!("{origin}/push/{token}"),
            p256dh: URL_SAFE_NO_PAD.encode(&browser_public),
            auth: URL_SAFE_NO_PAD.encode(auth_secret),
        };
        Self {
            origin,
            subscription,
            shared,
            count,
            server,
        }
    }

    /// A receiver whose address the server must know before its key is known
    /// (the server is started allowed to reach it): `expect_server_key` follows.
    pub async fn bind() -> Self {
        Self::start("").await
    }

    /// The server's VAPID public key, as `GET /api/push/key` gives it.
    pub fn expect_server_key(&self, key: &str) {
        *self.shared.expected_server_key.lock().expect("the key") = URL_SAFE_NO_PAD
            .decode(key)
            .expect("the server key is base64url");
    }

    /// `http://127.0.0.1:PORT`: what `TSUNAGU_PUSH_ALLOW_ORIGIN` must say.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn subscription(&self) -> BrowserSubscription {
        self.subscription.clone()
    }

    /// The statuses for the next pushes that pass the checks, in order; once
    /// they are used up, 201 Created.
    pub fn answer_next(&self, answers: impl IntoIterator<Item = Answer>) {
        self.shared.answers.lock().expect("answers").extend(answers);
    }

    /// Every push received so far.
    pub fn received(&self) -> Vec<ReceivedPush> {
        self.shared.received.lock().expect("received").clone()
    }

    /// Waits until at least `count` pushes have arrived, then returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<ReceivedPush> {
        let mut arrivals = self.count.clone();
        let arrived = tokio::time::timeout(PUSH_DEADLINE, arrivals.wait_for(|n| *n >= count)).await;
        assert!(
            matches!(arrived, Ok(Ok(_))),
            "{count} push(es) expected within {PUSH_DEADLINE:?}, {} arrived",
            *self.count.borrow()
        );
        self.received()
    }
}

impl Drop for PushReceiver {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn receive(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if token != shared.token {
        return StatusCode::NOT_FOUND.into_response();
    }
    let header_text = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let push = ReceivedPush {
        ttl: header_text(header::HeaderName::from_static("ttl")),
        urgency: header_text(header::HeaderName::from_static("urgency")),
        content_encoding: header_text(header::CONTENT_ENCODING),
        content_type: header_text(header::CONTENT_TYPE),
        vapid: shared.verify_vapid(header_text(header::AUTHORIZATION).as_deref()),
        message: shared.decrypt(&body),
    };
    // As a real push service: a bad token is 401/403, an unreadable body 400.
    let answer = if push.vapid.is_err() {
        Answer::status(401)
    } else if push.message.is_err() {
        Answer::status(400)
    } else {
        shared
            .answers
            .lock()
            .expect("answers")
            .pop_front()
            .unwrap_or(Answer::status(201))
    };
    // Recorded before answering, so a push is visible once `send` returns.
    shared.received.lock().expect("received").push(push);
    shared.count.send_modify(|n| *n += 1);

    let status = StatusCode::from_u16(answer.status).expect("a status");
    let mut response = status.into_response();
    if let Some(seconds) = answer.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

impl Shared {
    /// RFC 8292: `vapid t=<JWT>, k=<key>`, the key being the one the server
    /// published, the JWT signed by it for this push service's origin.
    fn verify_vapid(&self, authorization: Option<&str>) -> Result<VapidClaims, String> {
        let parameters = authorization
            .ok_or("no Authorization header")?
            .strip_prefix("vapid ")
            .ok_or("not the vapid scheme")?;
        let (mut token, mut key) = (None, None);
        for parameter in parameters.split(',') {
            match parameter.trim().split_once('=') {
                Some(("t", value)) => token = Some(value),
                Some(("k", value)) => key = Some(value),
                _ => return Err(format!("unexpected parameter {parameter:?}")),
            }
        }
        let key = unbase64(key.ok_or("no k=")?)?;
        if key != *self.expected_server_key.lock().expect("the key") {
            return Err("k= is not the server's public key".into());
        }
        let token = token.ok_or("no t=")?;
        let [jose_text, claims_text, signature_text] = token.split('.').collect::<Vec<_>>()[..]
        else {
            return Err("the token is not header.claims.signature".into());
        };

        let jose: serde_json::Value =
            serde_json::from_slice(&unbase64(jose_text)?).map_err(|e| e.to_string())?;
        if jose["alg"] != "ES256" || jose["typ"] != "JWT" {
            return Err(format!("unexpected JOSE header {jose}"));
        }
        let signature = unbase64(signature_text)?;
        if signature.len() != 64 {
            return Err(format!("a {}-byte signature, not r||s", signature.len()));
        }
        let bignum = |bytes: &[u8]| BigNum::from_slice(bytes).map_err(|e| e.to_string());
        let signature =
            EcdsaSig::from_private_components(bignum(&signature[..32])?, bignum(&signature[32..])?)
                .map_err(|e| e.to_string())?;
        let signed = format!("{jose_text}.{claims_text}");
        let digest = openssl::sha::sha256(signed.as_bytes());
        let server_key = public_key(&key)?;
        if !signature
            .verify(&digest, &server_key)
            .map_err(|e| e.to_string())?
        {
            return Err("the signature does not verify".into());
        }

        let claims: serde_json::Value =
            serde_json::from_slice(&unbase64(claims_text)?).map_err(|e| e.to_string())?;
        let text = |name: &str| {
            claims[name]
                .as_str()
                .map(str::to_owned)
                .ok_or(format!("no {name} claim"))
        };
        let claims = VapidClaims {
            aud: text("aud")?,
            exp: claims["exp"].as_u64().ok_or("no numeric exp claim")?,
            sub: text("sub")?,
        };
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|e| e.to_string())?
            .as_secs();
        if claims.aud != self.origin {
            return Err(format!("aud {} is not {}", claims.aud, self.origin));
        }
        if claims.exp <= now || claims.exp > now + 24 * 60 * 60 {
            return Err(format!("exp {} is not within 24 h of {now}", claims.exp));
        }
        if !(claims.sub.starts_with("mailto:") || claims.sub.starts_with("https:")) {
            return Err(format!("sub {} is no contact", claims.sub));
        }
        Ok(claims)
    }

    /// RFC 8291 §3 and RFC 8188 from the browser's side: the sender's
    /// ephemeral key from the header, the same derivations, one record.
    fn decrypt(&self, body: &[u8]) -> Result<serde_json::Value, String> {
        let ossl = |e: openssl::error::ErrorStack| e.to_string();
        let salt = body.get(..16).ok_or("no salt")?;
        let record_size = u32::from_be_bytes(
            body.get(16..20)
                .ok_or("no record size")?
                .try_into()
                .map_err(|_| "no record size")?,
        );
        let key_length = usize::from(*body.get(20).ok_or("no key id length")?);
        let sender_public = body.get(21..21 + key_length).ok_or("no key id")?;
        let record = &body[21 + key_length..];
        if record.len() > record_size as usize || record.len() < 17 {
            return Err(format!("not one record of at most {record_size} bytes"));
        }

        let sender = PKey::from_ec_key(public_key(sender_public)?).map_err(ossl)?;
        let mut deriver = Deriver::new(&self.browser_key).map_err(ossl)?;
        deriver.set_peer(&sender).map_err(ossl)?;
        let ecdh_secret = deriver.derive_to_vec().map_err(ossl)?;

        let prk_key = hmac(&self.auth_secret, &ecdh_secret)?;
        let mut key_info = b"WebPush: info\0".to_vec();
        key_info.extend_from_slice(&self.browser_public);
        key_info.extend_from_slice(sender_public);
        let ikm = hkdf_expand(&prk_key, &key_info, 32)?;
        let prk = hmac(salt, &ikm)?;
        let cek = hkdf_expand(&prk, b"Content-Encoding: aes128gcm\0", 16)?;
        let nonce = hkdf_expand(&prk, b"Content-Encoding: nonce\0", 12)?;

        let (ciphertext, tag) = record.split_at(record.len() - 16);
        let mut plaintext = decrypt_aead(
            Cipher::aes_128_gcm(),
            &cek,
            Some(&nonce),
            &[],
            ciphertext,
            tag,
        )
        .map_err(ossl)?;
        while plaintext.last() == Some(&0) {
            plaintext.pop();
        }
        if plaintext.pop() != Some(0x02) {
            return Err("the only record is not marked as the last".into());
        }
        serde_json::from_slice(&plaintext).map_err(|e| e.to_string())
    }
}

fn p256() -> EcGroup {
    EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).expect("P-256")
}

fn public_key(point: &[u8]) -> Result<EcKey<Public>, String> {
    let group = p256();
    let mut context = BigNumContext::new().map_err(|e| e.to_string())?;
    let point = EcPoint::from_bytes(&group, point, &mut context).map_err(|e| e.to_string())?;
    EcKey::from_public_key(&group, &point).map_err(|e| e.to_string())
}

fn unbase64(text: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD.decode(text).map_err(|e| e.to_string())
}

fn hmac(key: &[u8], data: &[u8]) -> Result<Vec<u8>, String> {
    let key = PKey::hmac(key).map_err(|e| e.to_string())?;
    let mut signer = Signer::new(MessageDigest::sha256(), &key).map_err(|e| e.to_string())?;
    signer.update(data).map_err(|e| e.to_string())?;
    signer.sign_to_vec().map_err(|e| e.to_string())
}

/// HKDF-Expand (RFC 5869) for at most one block, which is all Web Push needs.
fn hkdf_expand(prk: &[u8], info: &[u8], length: usize) -> Result<Vec<u8>, String> {
    let mut input = info.to_vec();
    input.push(0x01);
    let mut block = hmac(prk, &input)?;
    block.truncate(length);
    Ok(block)
}
