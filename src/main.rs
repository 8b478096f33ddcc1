//! The `playbook` binary: parses arguments and maps the outcome to an exit code.

/// mimalloc: the build allocates and frees millions of small strings from
/// several threads, where glibc's allocator spends a tenth of the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(playbook::run(std::env::args_os()));
}
