//! Routing from the model's endpoint declarations: a handler is attached to an
//! endpoint type, never to a path written here, and every route taken is
//! recorded, so a test can hold the router, the declarations and the OpenAPI
//! description to one another.

use axum::{
    Router,
    extract::DefaultBodyLimit,
    handler::Handler,
    routing::{MethodFilter, MethodRouter, on},
};
use tsunagu_model::endpoints::{Endpoint, Method};

use crate::AppState;

/// The API's router as it is being built, with what it routes.
pub struct Api {
    pub router: Router<AppState>,
    pub routed: Vec<(Method, &'static str)>,
}

impl Default for Api {
    fn default() -> Self {
        Self::new()
    }
}

fn filter(method: Method) -> MethodFilter {
    match method {
        Method::Get => MethodFilter::GET,
        Method::Post => MethodFilter::POST,
        Method::Put => MethodFilter::PUT,
        Method::Delete => MethodFilter::DELETE,
    }
}

impl Api {
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            routed: Vec::new(),
        }
    }

    /// `handler` answers `E`, at its route and method.
    pub fn at<E: Endpoint, H, T>(self, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.route::<E>(on(filter(E::METHOD), handler))
    }

    /// As `at`, with a body limit of its own (a push may be larger than other requests).
    pub fn at_limited<E: Endpoint, H, T>(self, handler: H, limit: usize) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.route::<E>(on(filter(E::METHOD), handler).layer(DefaultBodyLimit::max(limit)))
    }

    fn route<E: Endpoint>(mut self, method_router: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(E::ROUTE, method_router);
        self.routed.push((E::METHOD, E::ROUTE));
        self
    }

    /// Adds a feature's routes.
    pub fn with(self, routes: impl FnOnce(Self) -> Self) -> Self {
        routes(self)
    }
}
