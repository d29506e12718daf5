//! A bare Tauri window showing one editable area: what the benchmark compares the app's
//! start-up time and memory against.
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the bare window runs");
}
