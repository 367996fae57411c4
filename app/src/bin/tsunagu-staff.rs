//! The staff app's entry point (coordinators), a separate, lazily fetched bundle.

fn main() {
    tsunagu_app::start_staff_app();
}
