//! `micrograd kernel install`: writes the kernelspec (`kernel.json` and a
//! logo) where Jupyter looks for kernels, so `jupyter notebook`, `jupyter
//! lab` and `jupyter console --kernel micrograd` find this binary.

use std::path::{Path, PathBuf};

use serde_json::json;

/// The kernel's name in Jupyter (`--kernel micrograd`).
pub const KERNEL_NAME: &str = "micrograd";

/// Where to install.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// The user's Jupyter data directory (`$JUPYTER_DATA_DIR`, else the
    /// platform's: `~/.local/share/jupyter` on Linux).
    User,
    /// `PREFIX/share/jupyter` (a virtual environment's prefix, say).
    Prefix(PathBuf),
}

/// The folder Jupyter reads kernelspecs from for `location`.
pub fn kernels_dir(location: &Location) -> Result<PathBuf, String> {
    match location {
        Location::Prefix(prefix) => Ok(prefix.join("share/jupyter/kernels")),
        Location::User => {
            if let Some(dir) = std::env::var_os("JUPYTER_DATA_DIR").filter(|d| !d.is_empty()) {
                return Ok(PathBuf::from(dir).join("kernels"));
            }
            let base = if cfg!(target_os = "macos") {
                dirs::home_dir().map(|h| h.join("Library/Jupyter"))
            } else {
                dirs::data_dir().map(|d| d.join("jupyter"))
            };
            base.map(|b| b.join("kernels"))
                .ok_or_else(|| "cannot find your home folder; use --prefix".to_string())
        }
    }
}

/// Writes the kernelspec for the binary at `program`; returns its folder.
pub fn install(location: &Location, program: &Path) -> Result<PathBuf, String> {
    let dir = kernels_dir(location)?.join(KERNEL_NAME);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let spec = json!({
        "argv": [program.display().to_string(), "kernel", "--connection-file", "{connection_file}"],
        "display_name": "micrograd",
        "language": "micrograd",
        "interrupt_mode": "message",
        "metadata": {},
    });
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let text = serde_json::to_string_pretty(&spec).expect("the spec is JSON");
    write("kernel.json", text.as_bytes())?;
    write("logo-svg.svg", LOGO.as_bytes())?;
    Ok(dir)
}

/// A small logo: a node with its data and grad, as the views draw them.
const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
<rect x="2" y="18" width="60" height="28" rx="4" fill="#fff" stroke="#333" stroke-width="2"/>
<line x1="32" y1="18" x2="32" y2="46" stroke="#333" stroke-width="2"/>
<text x="17" y="37" font-family="monospace" font-size="12" text-anchor="middle" fill="#333">d</text>
<text x="47" y="37" font-family="monospace" font-size="12" text-anchor="middle" fill="#c0392b">∂</text>
</svg>
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_writes_a_kernelspec_naming_this_binary() {
        let prefix = std::env::temp_dir().join(format!("mg-kernelspec-{}", std::process::id()));
        let dir = install(
            &Location::Prefix(prefix.clone()),
            Path::new("/bin/micrograd"),
        )
        .unwrap();
        assert_eq!(dir, prefix.join("share/jupyter/kernels/micrograd"));
        let spec: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("kernel.json")).unwrap()).unwrap();
        assert_eq!(spec["argv"][0], "/bin/micrograd");
        assert_eq!(spec["argv"][3], "{connection_file}");
        assert!(dir.join("logo-svg.svg").exists());
        let _ = std::fs::remove_dir_all(prefix);
    }
}
