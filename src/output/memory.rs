//! The sink of `serve`: a whole site held in memory, nothing written to disk.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Result;

use super::Sink;
use crate::diagnostic::Failure;
use crate::messages::msg;

/// One file of a site held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Bytes(std::sync::Arc<Vec<u8>>),
    /// A content file served from disk (images, PDFs…).
    File(PathBuf),
}

/// A whole site in memory, for `serve`: nothing is written to disk.
#[derive(Debug, Default)]
pub struct Memory {
    pub files: Mutex<std::collections::HashMap<String, Entry>>,
}

impl Memory {
    pub fn into_files(self) -> std::collections::HashMap<String, Entry> {
        self.files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let mut f = self
            .files
            .lock()
            .map_err(|_| anyhow::Error::new(Failure(msg!("thread-panicked"))))?;
        f.insert(
            rel.to_string(),
            Entry::Bytes(std::sync::Arc::new(bytes.to_vec())),
        );
        Ok(())
    }

    fn write_shared(&self, rel: &str, bytes: std::sync::Arc<Vec<u8>>) -> Result<()> {
        let mut f = self
            .files
            .lock()
            .map_err(|_| anyhow::Error::new(Failure(msg!("thread-panicked"))))?;
        f.insert(rel.to_string(), Entry::Bytes(bytes));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let mut f = self
            .files
            .lock()
            .map_err(|_| anyhow::Error::new(Failure(msg!("thread-panicked"))))?;
        f.insert(rel.to_string(), Entry::File(from.to_path_buf()));
        Ok(())
    }
}
