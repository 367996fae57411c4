//! The family app's entry point (parents and mentors).

fn main() {
    tsunagu_app::start_family_app();
}
