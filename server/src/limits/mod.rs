//! In-memory limits on what one address or person may ask for in a while, so
//! nobody can guess passwords at speed or crowd out everyone else's pushes.

pub mod pushes;
pub mod sign_in;

pub use pushes::PushLimiter;
pub use sign_in::SignInLimiter;
