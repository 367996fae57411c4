//! A small stand-in for the build's dist/: the server's file handling is under test
//! here; the real build is served in the end-to-end tests.

use tempfile::TempDir;

pub fn fake_dist() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("pkg/0123456789abcdef")).unwrap();
    std::fs::write(
        p.join("index.html"),
        "<!doctype html><title>つなぐ</title><script type=\"module\">import init from '/a.js';</script>",
    )
    .unwrap();
    std::fs::write(
        p.join("pkg/0123456789abcdef/tsunagu-app_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(
        p.join("pkg/0123456789abcdef/tsunagu-app_bg.wasm.br"),
        b"brotli bytes",
    )
    .unwrap();
    std::fs::write(
        p.join("pkg/0123456789abcdef/tsunagu-app.js"),
        "export default 1;",
    )
    .unwrap();
    std::fs::write(p.join("sw.js"), "self.addEventListener('fetch', () => {});").unwrap();
    std::fs::write(p.join("manifest.webmanifest"), "{}").unwrap();
    std::fs::create_dir(p.join("staff")).unwrap();
    std::fs::write(
        p.join("staff/index.html"),
        "<!doctype html><title>地域コーディネーター画面</title><script type=\"module\">import s from '/staff/s.js';</script>",
    )
    .unwrap();
    dir
}

/// The CSP hash of an inline script, as the server computes it.
pub fn script_hash(script: &[u8]) -> String {
    use sha2::Digest;
    base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        sha2::Sha256::digest(script),
    )
}
