//! A server running in this process, for tests and benchmarks that need to stop it
//! at a chosen moment (the binary stops on a signal instead).

use std::{net::SocketAddr, time::Duration};

use axum::Router;
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

use crate::serve;

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
