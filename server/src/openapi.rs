//! The API's OpenAPI 3.1 description, made from the model's endpoint
//! declarations (`tsunagu_model::endpoints`), the same list the router is
//! built from: an endpoint cannot be routed and left undescribed.

use std::any::type_name;

use axum::Json;
use tsunagu_model::{
    api,
    endpoints::{self, Caller, Endpoint, Method, NoContent, OpenApiDocument, Visitor},
};
use utoipa::{
    PartialSchema, ToSchema,
    openapi::{
        Components, ContentBuilder, HttpMethod, Info, OpenApi, OpenApiVersion, Paths, RefOr,
        Required, ResponseBuilder, Schema,
        path::{OperationBuilder, ParameterBuilder, ParameterIn},
        request_body::RequestBodyBuilder,
        security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme},
    },
};

use crate::identity::COOKIE;

/// The security scheme every signed-in endpoint names.
const SESSION: &str = "session";

/// The answers every endpoint may give besides its own: the API's error body
/// with a code and a message in the reader's language.
const ERRORS: &[(&str, &str)] = &[
    (
        "400",
        "The request is not valid; the message says what to change.",
    ),
    ("401", "Not signed in, or the session ended."),
    ("403", "The signed-in person may not do this."),
    ("404", "No such thing, or not one this person may see."),
    ("409", "Someone changed it meanwhile; read it again."),
    ("413", "The request is too large."),
    (
        "429",
        "Too many requests; Retry-After says when to try again.",
    ),
    (
        "503",
        "The server is busy; Retry-After says when to try again.",
    ),
];

pub fn description() -> OpenApi {
    let mut describer = Describer {
        paths: Paths::new(),
        schemas: Vec::new(),
    };
    endpoints::visit_all(&mut describer);
    // A list or a generic answer names its items' schema without carrying it
    // (utoipa collects what a type's fields refer to, not a type argument):
    // those are listed here, and the test finds any reference left without one.
    fn component<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((T::name().into_owned(), T::schema()));
        T::schemas(schemas);
    }
    let schemas = &mut describer.schemas;
    component::<api::ApiError>(schemas);
    component::<tsunagu_model::Family>(schemas);
    component::<tsunagu_model::Meeting>(schemas);
    component::<tsunagu_model::plan::PlanSummary>(schemas);
    component::<api::InvitationSummary>(schemas);
    component::<api::AgendaItem>(schemas);
    component::<api::JoiningParent>(schemas);
    component::<api::PendingJoin>(schemas);
    component::<tsunagu_model::consent::MentorSummary>(schemas);
    component::<tsunagu_model::consent::Mentee>(schemas);
    component::<tsunagu_model::consent::Consent>(schemas);
    component::<tsunagu_model::sync::HistoryEntry>(schemas);
    describer.schemas.sort_by(|a, b| a.0.cmp(&b.0));
    describer.schemas.dedup_by(|a, b| a.0 == b.0);
    let mut components = Components::new();
    for (name, schema) in describer.schemas {
        components.schemas.insert(name, schema);
    }
    components.add_security_scheme(
        SESSION,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            COOKIE,
            "The session cookie set by signing in (HttpOnly, Secure, SameSite=Lax).",
        ))),
    );
    let mut info = Info::new("Tsunagu", env!("CARGO_PKG_VERSION"));
    info.description = Some(
        "The API of Tsunagu (つなぐ), the companion app of a town's developmental support system. \
         Every error answer is `ApiError`, its message in the language of Accept-Language."
            .to_owned(),
    );
    let mut openapi = OpenApi::new(info, describer.paths);
    openapi.openapi = OpenApiVersion::Version31;
    openapi.components = Some(components);
    openapi
}

/// `GET /api/openapi.json`.
pub async fn serve() -> Json<OpenApiDocument> {
    Json(OpenApiDocument(
        serde_json::to_value(description()).unwrap_or_default(),
    ))
}

struct Describer {
    paths: Paths,
    schemas: Vec<(String, RefOr<Schema>)>,
}

fn is_nothing<T>() -> bool {
    type_name::<T>() == type_name::<NoContent>()
}

fn http_method(method: Method) -> HttpMethod {
    match method {
        Method::Get => HttpMethod::Get,
        Method::Post => HttpMethod::Post,
        Method::Put => HttpMethod::Put,
        Method::Delete => HttpMethod::Delete,
    }
}

/// The `{name}`s of a route, in order.
pub fn path_parameters(route: &str) -> Vec<&str> {
    route
        .split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .collect()
}

impl Visitor for Describer {
    fn visit<E: Endpoint>(&mut self) {
        let mut operation = OperationBuilder::new()
            .operation_id(Some(E::NAME))
            .summary(Some(E::SUMMARY));
        for name in path_parameters(E::ROUTE) {
            operation = operation.parameter(
                ParameterBuilder::new()
                    .name(name)
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .schema(Some(String::schema())),
            );
        }
        for name in E::QUERY {
            operation = operation.parameter(
                ParameterBuilder::new()
                    .name(*name)
                    .parameter_in(ParameterIn::Query)
                    .required(Required::False)
                    .schema(Some(i64::schema())),
            );
        }
        if !is_nothing::<E::Body>() {
            operation = operation.request_body(Some(
                RequestBodyBuilder::new()
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(E::Body::schema()))
                            .build(),
                    )
                    .required(Some(Required::True))
                    .build(),
            ));
            E::Body::schemas(&mut self.schemas);
        }
        let success = if is_nothing::<E::Reply>() {
            ResponseBuilder::new().description("Done.").build()
        } else {
            E::Reply::schemas(&mut self.schemas);
            ResponseBuilder::new()
                .description("Done.")
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(E::Reply::schema()))
                        .build(),
                )
                .build()
        };
        operation = operation.response(E::SUCCESS.to_string(), success);
        for (status, meaning) in ERRORS {
            operation = operation.response(
                *status,
                ResponseBuilder::new()
                    .description(*meaning)
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                                api::ApiError::name(),
                            ))))
                            .build(),
                    )
                    .build(),
            );
        }
        if E::CALLER == Caller::SignedIn {
            operation = operation.security(SecurityRequirement::new(SESSION, Vec::<String>::new()));
        }
        self.paths.add_path_operation(
            format!("{}{}", endpoints::PREFIX, E::ROUTE),
            vec![http_method(E::METHOD)],
            operation.build(),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every `$ref` anywhere in a JSON value.
    fn refs(value: &serde_json::Value, found: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("$ref", serde_json::Value::String(r)) => {
                            found.insert(r.clone());
                        }
                        _ => refs(v, found),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
            _ => {}
        }
    }

    #[test]
    fn every_declared_endpoint_is_described_with_its_schemas_and_errors() {
        let doc = serde_json::to_value(description()).expect("the description is JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        let paths = doc["paths"].as_object().expect("paths");
        let mut described = BTreeSet::new();
        for (path, item) in paths {
            for (method, operation) in item.as_object().expect("a path item") {
                described.insert((method.to_uppercase(), path.clone()));
                let responses = operation["responses"].as_object().expect("responses");
                for status in ["400", "401", "404", "429", "503"] {
                    assert!(responses.contains_key(status), "{method} {path}: {status}");
                }
            }
        }
        let declared: BTreeSet<(String, String)> = endpoints::ALL
            .iter()
            .map(|e| {
                (
                    e.method.as_str().to_owned(),
                    format!("{}{}", endpoints::PREFIX, e.route),
                )
            })
            .collect();
        assert_eq!(described, declared);
        let push = &paths["/api/sync/push"]["post"];
        assert!(push["requestBody"]["content"]["application/json"]["schema"].is_object());
        assert!(push["responses"]["200"]["content"]["application/json"]["schema"].is_object());
        assert_eq!(push["security"][0]["session"], serde_json::json!([]));
        assert!(paths["/api/health"]["get"].get("security").is_none());
        let history = &paths["/api/sync/history/{record_type}/{record_id}"]["get"];
        assert_eq!(history["parameters"].as_array().map(Vec::len), Some(2));
        let mut found = BTreeSet::new();
        refs(&doc, &mut found);
        let schemas = doc["components"]["schemas"].as_object().expect("schemas");
        for reference in &found {
            let name = reference
                .strip_prefix("#/components/schemas/")
                .expect("a schema reference");
            assert!(schemas.contains_key(name), "{reference} is described");
        }
        assert!(
            doc["components"]["securitySchemes"]["session"]["in"] == "cookie",
            "the session cookie is the security scheme"
        );
    }
}
