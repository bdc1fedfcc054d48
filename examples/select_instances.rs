//! Writes the benchmark families of `benches/support/select_family.rs` as `samordna select` input files, one per
//! family and seed (`n200-y4-f60-s3.json`), into the folder given, for `benches/select_peers.py`:
//!
//! ```sh
//! cargo run --release --example select_instances -- target/select-instances
//! ```

#[path = "../benches/support/select_family.rs"]
mod select_family;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = PathBuf::from(std::env::args().nth(1).ok_or("usage: select_instances FOLDER")?);
    std::fs::create_dir_all(&folder)?;
    for family in select_family::all_families() {
        for seed in select_family::SEEDS {
            let problem = select_family::problem(family, seed);
            let path = folder.join(format!("{}-s{seed}.json", family.name()));
            std::fs::write(&path, serde_json::to_string_pretty(&select_family::to_json(&problem))?)?;
            println!("{}", path.display());
        }
    }
    Ok(())
}
