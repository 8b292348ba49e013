#!/usr/bin/env bash
# The whole test suite, Rust and Python: `bash scripts/test.sh` (what `.ci/run` calls).
#
# Runs on a fresh Debian machine with a Rust toolchain, Python >= 3.10 and pip: it installs
# what it needs, then runs every check in order and stops at the first failure.
# PYTHON=/path/to/python selects the interpreter (default: python3, else python).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

stage() { printf '\n==> %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# ---------------------------------------------------------------------------------------
stage "toolchains"
if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
fi
cargo --version
if command -v rustup >/dev/null 2>&1; then
    # A minimal rustup profile has neither; both are checks below.
    cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
    cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
fi

PY="${PYTHON:-$(command -v python3 || command -v python)}"
# Debian's system Python refuses `pip install` (PEP 668, "externally managed"). Outside a
# virtual environment on such a Python, use (and create once) .venv instead.
if "$PY" -c 'import sys; sys.exit(sys.prefix != sys.base_prefix)' &&
    "$PY" -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))'; then
    if [ ! -x .venv/bin/python ]; then
        echo "system Python is externally managed: creating .venv"
        "$PY" -m venv .venv || { rm -rf .venv && apt_install python3-venv && "$PY" -m venv .venv; }
    fi
    PY="$PWD/.venv/bin/python"
fi
"$PY" --version

# ---------------------------------------------------------------------------------------
stage "system data: Unicode 15.0.0 (Debian unicode-data)"
# gen_ucd.py reads /usr/share/unicode; the nfc/nfkc conformance test reads
# NormalizationTest.txt.bz2 from there.
if [ ! -f /usr/share/unicode/NormalizationTest.txt.bz2 ]; then
    apt_install unicode-data
fi

stage "system tools: zstd (the command-line tests make and check .zst files with it)"
if ! command -v zstd >/dev/null 2>&1; then
    apt_install zstd
fi

stage "system tools: a JDK and Lucene 8 (tests/test_compat_lucene.py runs Lucene itself)"
if ! command -v javac >/dev/null 2>&1 ||
    [ ! -f /usr/share/java/lucene-analyzers-common-8.7.0.jar ]; then
    apt_install default-jdk-headless liblucene8-java
fi

stage "Python tools"
# The same tools as [project.optional-dependencies] test in pyproject.toml, plus maturin
# (the build backend, used without build isolation below) and numpy. Already-satisfied
# requirements are not fetched again, so a re-run works offline.
"$PY" -m pip install --disable-pip-version-check \
    'maturin>=1.5,<2' 'pytest>=7' 'hypothesis>=6.100' 'mypy>=1.10' 'ruff>=0.6' \
    'pytest-benchmark>=4' numpy pyarrow
# The peers that arnorm.compat is tested equal to (test-only). camel-tools without its
# dependencies (torch, transformers, ...): camel_tools.utils needs only six and emoji.
"$PY" -m pip install --disable-pip-version-check pyarabic==0.6.15 six 'emoji==2.16.0'
# camel_tools.tokenizers.word needs regex; seeds/compat/tokenize/ records this version.
"$PY" -m pip install --disable-pip-version-check 'regex==2026.5.9'
"$PY" -m pip install --disable-pip-version-check --no-deps camel-tools==1.6.0

# ---------------------------------------------------------------------------------------
stage "generated files are up to date (seeds/ucd, src/tables.rs, python/arnorm/_tables.py, src/compat/*tables.rs)"
"$PY" scripts/gen_ucd.py
"$PY" scripts/gen_tables.py
"$PY" scripts/gen_compat_tables.py
"$PY" scripts/gen_camel_tokenize.py
"$PY" scripts/gen_lucene_tokenize.py
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git diff --exit-code -- seeds/ucd src/tables.rs python/arnorm/_tables.py src/compat/tables.rs \
        src/compat/camel_tokenize_tables.rs src/compat/lucene_tokenize_tables.rs || {
        echo "generated files differ from git: commit the output of scripts/gen_*.py" >&2
        exit 1
    }
else
    echo "not a git checkout: skipping the diff"
fi

stage "cargo fmt --check"
cargo fmt --check

stage "cargo clippy --all-targets --all-features -- -D warnings"
cargo clippy --all-targets --all-features -- -D warnings

stage "cargo test"
cargo test

stage "ruff check"
"$PY" -m ruff check python tests benches scripts

stage "ruff format --check"
"$PY" -m ruff format --check python tests benches scripts

# ---------------------------------------------------------------------------------------
stage "build and install arnorm from the working tree"
# `pip install .` builds a release wheel with maturin exactly as users get it (so the
# packaging is tested too: the bundled seed article, the stub, py.typed, the console
# script) and installs it. pip always rebuilds and reinstalls a local *directory* even
# when the same version is installed, whereas a same-version *wheel* file would be skipped
# as already satisfied; cargo's target/ keeps the rebuild incremental. No build isolation:
# maturin was installed above, so no per-run download of the backend is needed.
"$PY" -m pip install --disable-pip-version-check -v --no-build-isolation .

stage "mypy.stubtest arnorm._arnorm"
stubtest_args=()
if [ -f stubtest-allowlist.txt ]; then
    stubtest_args+=(--allowlist stubtest-allowlist.txt)
fi
"$PY" -m mypy.stubtest arnorm._arnorm "${stubtest_args[@]}"

stage "pytest (tests/; the benches run with: pytest benches/ --benchmark-only)"
"$PY" -m pytest

stage "all checks passed"
