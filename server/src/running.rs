//! Serving: the accept loop, and a server running in this process for tests
//! and benchmarks that need to stop it at a chosen moment (the binary stops on
//! a signal instead).

use std::{future::Future, net::SocketAddr, time::Duration};

use axum::Router;
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

/// A client must send a request's headers within this long of connecting or of
/// its previous request, or the connection is closed (half-sent headers would
/// otherwise hold it open for ever).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(15);
/// Serves until `shutdown` resolves, then finishes the requests in flight.
///
/// Its own accept loop rather than `axum::serve`, for the header-read timeout.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::{
        rt::{TokioIo, TokioTimer},
        server::graceful::GracefulShutdown,
        service::TowerToHyperService,
    };
    use tower::Service;

    let mut make_service = router.into_make_service_with_connect_info::<SocketAddr>();
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(service) = make_service.call(remote).await;
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away mid-request is no error of ours.
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

pub struct RunningServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// Serves `router` on a fresh port of 127.0.0.1.
    pub async fn start(router: Router) -> std::io::Result<Self> {
        Self::start_at(router, SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Serves `router` at `addr`: a restart on the port a browser already uses.
    pub async fn start_at(router: Router, addr: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, router, async {
            let _ = stopped.await;
        }));
        Ok(Self {
            addr,
            stop: Some(stop),
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Shuts down gracefully and waits, at most `deadline`, for the server to end.
    pub async fn stop(&mut self, deadline: Duration) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match tokio::time::timeout(deadline, &mut self.task).await {
            Ok(Ok(result)) => result,
            Ok(Err(join)) => Err(std::io::Error::other(join)),
            Err(_) => Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the server did not stop in time",
            )),
        }
    }
}
