use axum::Json;
use tsunagu_model::endpoints as e;

use crate::routes::Api;
use tsunagu_model::api::Health;

pub fn routes(api: Api) -> Api {
    api.at::<e::GetHealth, _, _>(health)
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}
