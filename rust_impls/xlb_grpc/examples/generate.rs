//! Writes the Rust code of a .proto file (prost messages, tonic server and
//! client) into a directory: `generate <file.proto> <out dir>`. Run by
//! scripts/gen-grpc.sh, which checks the result into src/generated; protoc
//! comes from PATH (or $PROTOC).

use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [proto, out] = args.as_slice() else {
        eprintln!("usage: generate <file.proto> <out dir>");
        std::process::exit(2);
    };
    let include = proto.parent().unwrap_or(Path::new("."));
    let generated = tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .emit_rerun_if_changed(false)
        .out_dir(out)
        .compile_protos(&[proto.as_path()], &[include]);
    if let Err(err) = generated {
        eprintln!("generate: {}: {err}", proto.display());
        std::process::exit(1);
    }
}
