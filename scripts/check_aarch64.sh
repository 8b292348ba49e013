#!/usr/bin/env bash
# The Rust core on aarch64, from an x86_64 machine: clippy -D warnings and the cargo tests,
# cross-compiled and run under qemu-user. On aarch64 only the scalar kernel exists (the
# vector kernels are x86_64-only), so this is what checks that the wheels built for it
# lint clean and normalize correctly.
#
#   bash scripts/check_aarch64.sh
#
# Installs what it needs: the rustup target aarch64-unknown-linux-gnu, and with apt-get
# gcc-aarch64-linux-gnu (the linker, and the C compiler of zstd-sys) and qemu-user. Not
# part of scripts/test.sh: those downloads come from outside the package registries.
# Without the `python` feature (PyO3 would need an aarch64 Python to link against).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TARGET=aarch64-unknown-linux-gnu
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
if ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || ! command -v qemu-aarch64 >/dev/null 2>&1; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y gcc-aarch64-linux-gnu qemu-user
fi

export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu"
cargo clippy --target "$TARGET" --all-targets -- -D warnings
cargo test --release --target "$TARGET"
