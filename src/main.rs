//! The `playbook` binary: parses arguments and maps the outcome to an exit code.

fn main() {
    std::process::exit(playbook::run(std::env::args_os()));
}
