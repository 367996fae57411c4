use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tsunagu_server::cli::run().await
}
