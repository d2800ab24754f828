//! The WASM entry point of the web app (built by trunk). Natively it only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    shizhong_map::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "shizhong-map is the web app: build it for wasm32 with `trunk build --release`.\n\
         The command-line tool is `cargo run --bin shizhong -- --help`."
    );
    std::process::exit(2);
}
