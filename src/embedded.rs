//! Files embedded in the binary by `build.rs`: the default theme's templates
//! and static files, and the example playbook's content.

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
