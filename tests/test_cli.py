"""The ``arnorm`` command line, run for real in a subprocess, and the file API.

Every error path ends with exit status 2, one line on stderr and no output file (nor a
temporary file left beside it); Ctrl-C ends with 130.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import arnorm
from conftest import SEED_ARTICLE_PATH

ZSTD = shutil.which("zstd")
needs_zstd = pytest.mark.skipif(ZSTD is None, reason="the zstd command is not installed")


def run(
    *args: str | Path, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "arnorm", *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=60,
    )


def one_line_error(result: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    err = result.stderr.decode("utf-8")
    assert err.startswith("arnorm: error: ") and err.count("\n") == 1, err
    for needle in needles:
        assert needle in err, (needle, err)
    return err


def only(dir: Path, *names: str) -> None:
    """The directory holds exactly `names`: no partial output, no temporary file."""
    assert sorted(p.name for p in dir.iterdir()) == sorted(names)


def expected_lines(data: bytes, preset: str = "standard") -> bytes:
    """Each line normalized alone, its terminator kept."""
    n = arnorm.Normalizer(preset)
    out = []
    for line in data.decode("utf-8").split("\n"):
        out.append(n(line[:-1]) + "\r" if line.endswith("\r") else n(line))
    return "\n".join(out).encode("utf-8")


@pytest.fixture(scope="module")
def seed_bytes() -> bytes:
    return SEED_ARTICLE_PATH.read_bytes()


# --- output --------------------------------------------------------------------------------


def test_stdin_to_stdout_equals_the_python_api(seed_bytes: bytes) -> None:
    result = run("normalize", stdin=seed_bytes)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected_lines(seed_bytes)
    assert result.stdout.decode("utf-8") == arnorm.normalize(seed_bytes.decode("utf-8"))
    assert result.stderr == b""


@pytest.mark.parametrize("preset", ["light", "standard", "search"])
def test_file_to_file_equals_one_thread_and_the_api(
    preset: str, seed_bytes: bytes, tmp_path: Path
) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(seed_bytes * 300)  # ~2.4 MB: several chunks
    outs = []
    for jobs in ("1", "2"):
        dst = tmp_path / f"out{jobs}.txt"
        result = run("normalize", src, "-o", dst, "--preset", preset, "--jobs", jobs)
        assert result.returncode == 0, result.stderr
        outs.append(dst.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0] == expected_lines(seed_bytes * 300, preset)


def test_crlf_and_no_final_newline_round_trip(tmp_path: Path) -> None:
    data = "كَتَبَ\r\nأحمد\n\r\n\nبلا نهاية\r".encode()
    src = tmp_path / "in.txt"
    src.write_bytes(data)
    result = run("normalize", src, "-o", tmp_path / "out.txt")
    assert result.returncode == 0, result.stderr
    # The last line has no "\n": its "\r" is text, kept by the standard preset.
    assert (tmp_path / "out.txt").read_bytes() == "كتب\r\nاحمد\n\r\n\nبلا نهاية\r".encode()
    # Text that needs no change comes back byte for byte.
    plain = b"one\r\ntwo\nthree"
    assert run("normalize", stdin=plain).stdout == plain


def test_a_leading_bom_is_dropped() -> None:
    assert run("normalize", stdin="\ufeffإلى\n".encode()).stdout == "الي\n".encode()


def test_empty_input(tmp_path: Path) -> None:
    result = run("normalize")
    assert (result.returncode, result.stdout) == (0, b"")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run("normalize", tmp_path / "empty.txt", "-o", tmp_path / "o.txt").returncode == 0
    assert (tmp_path / "o.txt").read_bytes() == b""
    assert run("normalize", tmp_path / "empty.txt", "-o", tmp_path / "o.gz").returncode == 0
    assert gzip.decompress((tmp_path / "o.gz").read_bytes()) == b""


def test_several_inputs_are_read_one_after_another(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("أ\n".encode())
    (tmp_path / "b.gz").write_bytes(gzip.compress("إ\n".encode()))
    result = run("normalize", tmp_path / "a.txt", "-", tmp_path / "b.gz", stdin="آ\n".encode())
    assert result.stdout == "ا\nا\nا\n".encode()


def test_set_overrides_options() -> None:
    result = run(
        "normalize", "--set", "alef=keep", "--set", "max_repeat=2", stdin="أههههه".encode()
    )
    assert result.stdout == "أهه".encode()
    assert run("normalize", "--set", "max_repeat=none", stdin=b"aaa").stdout == b"aaa"


# --- compression ---------------------------------------------------------------------------


def test_gzip_in_and_out(seed_bytes: bytes, tmp_path: Path) -> None:
    src = tmp_path / "in.txt.gz"
    # Two members, as `cat a.gz b.gz` makes.
    src.write_bytes(gzip.compress(seed_bytes) + gzip.compress(seed_bytes))
    result = run("normalize", src, "-o", tmp_path / "out.txt.gz")
    assert result.returncode == 0, result.stderr
    out = gzip.decompress((tmp_path / "out.txt.gz").read_bytes())
    assert out == expected_lines(seed_bytes * 2)


@needs_zstd
def test_zstd_in_and_out(seed_bytes: bytes, tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes(seed_bytes)
    subprocess.run([ZSTD, "-q", tmp_path / "in.txt", "-o", tmp_path / "in.zst"], check=True)
    result = run("normalize", tmp_path / "in.zst", "-o", tmp_path / "out.zst")
    assert result.returncode == 0, result.stderr
    out = subprocess.run(
        [ZSTD, "-dc", tmp_path / "out.zst"], check=True, capture_output=True
    ).stdout
    assert out == expected_lines(seed_bytes)


def test_truncated_gzip_is_an_error(seed_bytes: bytes, tmp_path: Path) -> None:
    packed = gzip.compress(seed_bytes * 20)
    (tmp_path / "cut.gz").write_bytes(packed[: len(packed) // 2])
    result = run("normalize", tmp_path / "cut.gz", "-o", tmp_path / "out.txt")
    one_line_error(result, "cut.gz", "gzip")
    only(tmp_path, "cut.gz")


@needs_zstd
def test_truncated_zstd_is_an_error(seed_bytes: bytes, tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes(seed_bytes * 20)
    subprocess.run([ZSTD, "-q", tmp_path / "in.txt", "-o", tmp_path / "in.zst"], check=True)
    packed = (tmp_path / "in.zst").read_bytes()
    (tmp_path / "cut.zst").write_bytes(packed[: len(packed) // 2])
    result = run("normalize", tmp_path / "cut.zst", "-o", tmp_path / "out.txt")
    one_line_error(result, "cut.zst", "zstd")
    only(tmp_path, "in.txt", "in.zst", "cut.zst")


# --- errors --------------------------------------------------------------------------------


def test_invalid_utf8_strict_names_file_line_and_offset(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"ok\nstill ok\nab\xffc\n")
    (tmp_path / "out.txt").write_bytes(b"previous result")
    result = run("normalize", tmp_path / "bad.txt", "-o", tmp_path / "out.txt")
    one_line_error(result, "bad.txt:3:", "byte offset 14")
    assert (tmp_path / "out.txt").read_bytes() == b"previous result"
    only(tmp_path, "bad.txt", "out.txt")


def test_invalid_utf8_replace_and_skip_report_counts() -> None:
    data = b"a\xff\xfeb\nok\n\xc3\n"
    result = run("normalize", "--errors", "replace", stdin=data)
    assert result.returncode == 0
    assert result.stdout == "a\ufffd\ufffdb\nok\n\ufffd\n".encode()
    assert b"3 invalid UTF-8 sequences replaced" in result.stderr
    result = run("normalize", "--errors", "skip", stdin=data)
    assert (result.returncode, result.stdout) == (0, b"ok\n")
    assert b"2 lines of invalid UTF-8 skipped" in result.stderr


def test_unreadable_input(tmp_path: Path) -> None:
    one_line_error(run("normalize", tmp_path / "missing.txt"), "missing.txt")
    one_line_error(run("normalize", tmp_path), str(tmp_path))  # a directory


def test_missing_output_directory(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes(b"x\n")
    result = run("normalize", tmp_path / "in.txt", "-o", tmp_path / "nodir" / "out.txt")
    one_line_error(result, "nodir")
    only(tmp_path, "in.txt")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_disk_full(seed_bytes: bytes) -> None:
    one_line_error(run("normalize", "-o", "/dev/full", stdin=seed_bytes), "/dev/full")


def test_line_over_the_limit(tmp_path: Path) -> None:
    data = b"short\n" + b"x" * 5000 + b"\n"
    result = run("normalize", "--max-line-bytes", "1000", stdin=data)
    one_line_error(result, "<stdin>:2:", "1000 bytes")


def test_bad_options_are_one_line_errors() -> None:
    one_line_error(run("normalize", "--set", "alef=bogus"), "alef", "keep, fold")
    one_line_error(run("normalize", "--set", "colour=red"), "colour")
    one_line_error(run("normalize", "--set", "max_repeat=0"), "max_repeat")
    one_line_error(run("normalize", "--set", "alef"), "option=value")
    one_line_error(run("normalize", "--jobs", "0"), "--jobs")
    one_line_error(run("normalize", "--field", "text"), "--format jsonl")


def test_closed_stdout_pipe_exits_quietly(seed_bytes: bytes, tmp_path: Path) -> None:
    src = tmp_path / "big.txt"
    src.write_bytes(seed_bytes * 2000)  # 16 MB: far more than `head` reads
    command = f"{sys.executable} -m arnorm normalize {src} | head -c 100 >/dev/null"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""


def test_sigint_on_a_fifo_input_stops_cleanly(tmp_path: Path) -> None:
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    dst = tmp_path / "out.txt"
    dst.write_bytes(b"previous result")
    proc = subprocess.Popen(
        [sys.executable, "-m", "arnorm", "normalize", str(fifo), "-o", str(dst)],
        stderr=subprocess.PIPE,
    )
    with open(fifo, "wb") as writer:  # blocks until arnorm opens the FIFO
        writer.write("كَتَبَ\n".encode() * 10_000)
        writer.flush()
        # arnorm now waits for more input; the FIFO stays open until after the signal.
        deadline = time.monotonic() + 10
        while len(list(tmp_path.iterdir())) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)  # the temporary output file appears
        assert len(list(tmp_path.iterdir())) == 3, "no temporary output file appeared"
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=10)
    assert proc.returncode == 130, stderr
    assert stderr == b"arnorm: interrupted\n"
    assert dst.read_bytes() == b"previous result"
    only(tmp_path, "in.fifo", "out.txt")


# --- JSON Lines ----------------------------------------------------------------------------


def test_jsonl_rewrites_only_the_named_fields(tmp_path: Path) -> None:
    records = [
        {"id": 1, "text": "كَتَبَ", "title": "إلى", "meta": {"text": "كَتَبَ"}},
        {"title": "أ", "text": "ok", "n": 1.5e300},
    ]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    (tmp_path / "in.jsonl").write_bytes(data)
    result = run(
        "normalize", tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--format", "jsonl"
    )
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "out.jsonl").read_bytes().decode("utf-8").splitlines()
    first = json.loads(lines[0])
    assert list(first) == ["id", "text", "title", "meta"]
    assert first == {"id": 1, "text": "كتب", "title": "إلى", "meta": {"text": "كَتَبَ"}}
    # Untouched lines stay byte for byte.
    assert lines[1] == json.dumps(records[1], ensure_ascii=False)
    both = run("normalize", "--format", "jsonl", "--field", "text", "--field", "title", stdin=data)
    assert [list(json.loads(x)) for x in both.stdout.decode().splitlines()] == [
        ["id", "text", "title", "meta"],
        ["title", "text", "n"],
    ]
    assert json.loads(both.stdout.decode().splitlines()[0])["title"] == "الي"


def test_jsonl_errors(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(b'{"text": "a"}\n{"text": 3}\n')
    result = run(
        "normalize", tmp_path / "in.jsonl", "--format", "jsonl", "-o", tmp_path / "o.jsonl"
    )
    one_line_error(result, "in.jsonl:2:", '"text"', "not a string")
    only(tmp_path, "in.jsonl")
    result = run("normalize", "--format", "jsonl", stdin=b'{"text": "a"}\n{"text": \n')
    one_line_error(result, "<stdin>:2:", "invalid JSON")


# --- tokenize, count, variants --------------------------------------------------------------

EXTRA = "😀 كَتَبَ ١٢٣abc، 3.14 ﷺ\r\nإلى الى إلي 𝐀𝐁 ‌كتاب\n\n"


def engine_lines(data: bytes) -> list[str]:
    """The lines as the engine sees them: split at LF, a CR before it dropped."""
    return [x.removesuffix("\r") for x in data.decode("utf-8").split("\n")]


@pytest.fixture(scope="module")
def corpus(seed_bytes: bytes) -> bytes:
    """~2.5 MB: three chunks, so several workers each count a share."""
    return (seed_bytes + EXTRA.encode()) * 300


def test_tokenize_equals_the_python_api(seed_bytes: bytes) -> None:
    data = seed_bytes + EXTRA.encode()
    result = run("tokenize", "--jobs", "2", stdin=data)
    assert result.returncode == 0, result.stderr
    want = [" ".join(arnorm.tokenize(line)) for line in engine_lines(data)]
    got = result.stdout.decode("utf-8").split("\n")
    assert [x.removesuffix("\r") for x in got] == want
    assert "\r\n" in result.stdout.decode()  # CRLF kept
    opts = ["--preset", "search", "--set", "digits=keep", "--split-digits", "--punctuation", "drop"]
    result = run("tokenize", *opts, stdin=data)
    kw = {"split_digits": True, "punctuation": "drop", "digits": "keep"}
    want = [" ".join(arnorm.tokenize(line, "search", **kw)) for line in engine_lines(data)]
    assert [x.removesuffix("\r") for x in result.stdout.decode().split("\n")] == want
    result = run("tokenize", "--preset", "none", stdin="كَتَبَ، إلى".encode())
    assert result.stdout.decode() == " ".join(arnorm.tokenize("كَتَبَ، إلى", None))


def test_tokenize_offsets_are_code_points_of_the_original_line(seed_bytes: bytes) -> None:
    data = seed_bytes + EXTRA.encode()
    result = run("tokenize", "--offsets", stdin=data)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.decode("utf-8").split("\n")
    lines = engine_lines(data)
    assert rows[-1] == lines[-1] == ""  # data ends with a line feed: no line after it
    rows, lines = rows[:-1], lines[:-1]
    for line, row in zip(lines, rows, strict=True):
        record = json.loads(row)
        tokens = arnorm.tokenize(line, offsets=True)
        assert record["tokens"] == [t for t, _, _ in tokens]
        assert record["offsets"] == [[s, e] for _, s, e in tokens]
    # Astral characters count one each, as in Python str indices.
    line = "𝐀 😀 كَتَبَ"
    record = json.loads(run("tokenize", "--offsets", stdin=line.encode()).stdout)
    assert record["tokens"] == ["𝐀", "😀", "كتب"]  # standard: no NFKC
    assert [line[s:e] for s, e in record["offsets"]] == ["𝐀", "😀", "كَتَب"]


def test_tokenize_jsonl_replaces_the_named_fields(tmp_path: Path) -> None:
    data = '{"id": 3, "text": "كَتَب \\"x\\"", "t": 1}\n\n'.encode()
    result = run("tokenize", "--format", "jsonl", stdin=data)
    assert result.returncode == 0, result.stderr
    first, blank = result.stdout.decode().split("\n")[:2]
    assert first == '{"id": 3, "text": ["كتب","\\"","x","\\""], "t": 1}'
    assert blank == ""
    result = run("tokenize", "--format", "jsonl", "--field", "text", "--offsets", stdin=data)
    assert json.loads(result.stdout.decode().split("\n")[0])["text"] == {
        "tokens": ["كتب", '"', "x", '"'],
        "offsets": [[0, 5], [6, 7], [7, 8], [8, 9]],  # كَتَب is 5 code points
    }
    one_line_error(
        run("tokenize", "--format", "jsonl", "--field", "t", stdin=data), ":1:", "not a string"
    )


def read_tsv(data: bytes) -> list[list[str]]:
    return [row.split("\t") for row in data.decode("utf-8").splitlines()]


@pytest.mark.parametrize(
    "options",
    [[], ["--preset", "search", "--split-digits", "--punctuation", "drop", "--set", "alef=keep"]],
)
def test_count_equals_word_counts(corpus: bytes, tmp_path: Path, options: list[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(corpus)
    kw: dict = {}
    preset = "standard"
    if options:
        preset, kw = "search", {"split_digits": True, "punctuation": "drop", "alef": "keep"}
    want = arnorm.word_counts(engine_lines(corpus), preset, **kw)
    for jobs in ("1", "2"):
        result = run("count", src, "--jobs", jobs, *options)
        assert result.returncode == 0, result.stderr
        rows = read_tsv(result.stdout)
        assert [(t, int(n)) for t, n in rows] == list(want.items())  # same order too
    top = run("count", src, "--top", "5", "--min-count", "2", *options)
    assert read_tsv(top.stdout) == [[t, str(n)] for t, n in list(want.items())[:5]]
    result = run("count", src, "--min-count", "301", "--format", "jsonl", *options)
    got = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert got == [{"token": t, "count": n} for t, n in want.items() if n >= 301]
    assert got  # the filter leaves some rows and drops others
    assert len(got) < len(want)


def test_count_jsonl_fields_and_compressed_output(tmp_path: Path) -> None:
    records = [{"text": "إلى الى", "title": "إلى"}, {"title": "كتب"}, {"text": "كَتَبَ"}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(data))
    out = tmp_path / "counts.tsv.gz"
    fields = ["--field", "text", "--field", "title"]
    result = run("count", tmp_path / "in.jsonl.gz", *fields, "-o", out)
    assert result.returncode == 0, result.stderr
    # standard folds alef and alef maksura: إلى, الى -> الي
    assert read_tsv(gzip.decompress(out.read_bytes())) == [["الي", "3"], ["كتب", "2"]]


def test_variants_equal_the_python_api(corpus: bytes, tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(corpus)
    lines = engine_lines(corpus)
    want = arnorm.variants(lines)
    result = run("variants", src, "--format", "jsonl", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    got = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert [(g["key"], g["forms"]) for g in got] == list(want.items())
    assert [list(g["forms"]) for g in got] == [list(f) for f in want.values()]  # form order
    assert all(g["total"] == sum(g["forms"].values()) for g in got)
    assert any(len(g["forms"]) > 1 for g in got)
    want = arnorm.variants(lines, key="standard", surface=None, min_count=50)
    result = run("variants", src, "--key", "standard", "--surface", "none", "--min-count", "50")
    rows = read_tsv(result.stdout)
    expected = [
        [k, str(sum(forms.values())), form, str(n)]
        for k, forms in want.items()
        for form, n in forms.items()
    ]
    assert rows == expected and 0 < len(want) < len(arnorm.variants(lines, key="standard"))
    top = run("variants", src, "--top", "2", "--format", "jsonl")
    assert [json.loads(x)["key"] for x in top.stdout.decode().splitlines()] == list(
        arnorm.variants(lines)
    )[:2]


def test_count_and_variants_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes("كتب\n".encode() + b"ok \xff\n")  # 0xFF at byte 10
    for command in ("count", "variants", "tokenize"):
        result = run(command, tmp_path / "bad.txt", "-o", tmp_path / "out.tsv")
        one_line_error(result, "bad.txt:2:", "byte offset 10")
        only(tmp_path, "bad.txt")
    result = run("count", "--errors", "replace", tmp_path / "bad.txt")
    assert result.returncode == 0
    assert read_tsv(result.stdout) == [["ok", "1"], ["كتب", "1"], ["\ufffd", "1"]]
    assert result.stderr == b"arnorm: 1 invalid UTF-8 sequences replaced by U+FFFD\n"
    result = run("variants", "--errors", "skip", tmp_path / "bad.txt")
    assert read_tsv(result.stdout) == [["كتب", "1", "كتب", "1"]]
    one_line_error(run("count", tmp_path / "missing.txt"), "missing.txt")
    one_line_error(run("count", "-o", tmp_path / "no" / "dir.tsv", stdin=b"a\n"), "dir.tsv")
    one_line_error(run("count", "--min-count", "0"), "--min-count")
    one_line_error(run("variants", "--top", "-1"), "--top")
    one_line_error(run("count", "--preset", "none", "--set", "alef=keep"), "--set")
    one_line_error(run("count", "--set", "alef=bogus"), "alef")
    one_line_error(run("tokenize", "--field", "text"), "--format jsonl")
    one_line_error(run("count", "--field", "text", stdin=b"[1]\n"), "<stdin>:1:", "JSON")


def test_disk_full_and_closed_pipe_for_the_new_commands(corpus: bytes, tmp_path: Path) -> None:
    one_line_error(run("count", "-o", "/dev/full", stdin=corpus), "/dev/full")
    one_line_error(run("tokenize", "-o", "/dev/full", stdin=corpus), "/dev/full")
    src = tmp_path / "big.txt"
    src.write_bytes(corpus * 4)
    for command in ("tokenize", "count"):
        pipeline = f"{sys.executable} -m arnorm {command} {src} | head -c 100 >/dev/null"
        result = subprocess.run(
            ["bash", "-o", "pipefail", "-c", pipeline], capture_output=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == b""


def test_file_api_for_the_new_commands(seed_bytes: bytes, tmp_path: Path) -> None:
    from arnorm.files import count_file, tokenize_file, variants_file

    src = tmp_path / "in.txt"
    src.write_bytes(seed_bytes)
    summary = tokenize_file(src, tmp_path / "tok.txt", jobs=1)
    assert summary["lines"] == len(engine_lines(seed_bytes))
    count_file(src, tmp_path / "c.tsv", "light", top=3)
    assert len(read_tsv((tmp_path / "c.tsv").read_bytes())) == 3
    variants_file(src, tmp_path / "v.tsv.zst")
    assert (tmp_path / "v.tsv.zst").read_bytes()[:4] == b"\x28\xb5\x2f\xfd"
    with pytest.raises(ValueError, match="min_count"):
        count_file(src, tmp_path / "x.tsv", min_count=0)
    with pytest.raises(ValueError, match="format"):
        variants_file(src, tmp_path / "x.tsv", format="csv")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="key"):
        variants_file(src, tmp_path / "x.tsv", key=None)  # type: ignore[arg-type]


# --- demo, help, version -------------------------------------------------------------------


def test_help_on_every_command_has_examples_and_exit_codes() -> None:
    commands = ["normalize", "tokenize", "count", "variants", "demo"]
    for args in (["--help"], *([c, "--help"] for c in commands)):
        result = run(*args)
        assert result.returncode == 0
        text = result.stdout.decode()
        assert "examples:" in text and "130" in text, args


def test_demo_is_the_default_command(seed_bytes: bytes) -> None:
    result = run()
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    first = seed_bytes.decode("utf-8").split("\n")[0]
    assert first in text
    for preset in ("light", "standard", "search"):
        assert f"--- {preset}" in text
        assert arnorm.normalize(first, preset) in text
    assert "MB/s" in text and "arnorm.reference" in text
    assert run("demo").stdout.decode("utf-8").split("speed")[0] == text.split("speed")[0]


# --- the Python API ------------------------------------------------------------------------


def test_normalize_file_and_iter_normalized(seed_bytes: bytes, tmp_path: Path) -> None:
    src = tmp_path / "in.txt.gz"
    src.write_bytes(gzip.compress(seed_bytes.replace(b"\n", b"\r\n")))
    summary = arnorm.normalize_file(src, tmp_path / "out.txt", "search", digits="keep")
    n = arnorm.Normalizer("search", digits="keep")
    want = "".join(
        n(line.removesuffix("\r\n").removesuffix("\n"))
        + line[len(line.removesuffix("\r\n").removesuffix("\n")) :]
        for line in seed_bytes.replace(b"\n", b"\r\n").decode("utf-8").splitlines(True)
    )
    assert (tmp_path / "out.txt").read_bytes().decode("utf-8") == want
    assert summary["lines"] == seed_bytes.count(b"\n") + (not seed_bytes.endswith(b"\n"))
    lines = list(arnorm.iter_normalized(src, "search", digits="keep", jobs=2))
    assert "".join(lines) == want
    assert all(x.endswith("\r\n") for x in lines[:-1])


def test_api_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        arnorm.normalize_file(tmp_path / "missing.txt", tmp_path / "o.txt")
    (tmp_path / "bad.txt").write_bytes(b"\xff\n")
    with pytest.raises(ValueError, match=r"bad.txt:1: invalid UTF-8 at byte offset 0"):
        arnorm.normalize_file(tmp_path / "bad.txt", tmp_path / "o.txt")
    with pytest.raises(ValueError, match="invalid UTF-8"):
        list(arnorm.iter_normalized(tmp_path / "bad.txt"))
    with pytest.raises(ValueError, match="alef"):
        arnorm.normalize_file(tmp_path / "bad.txt", tmp_path / "o.txt", alef="bogus")
    with pytest.raises(ValueError, match="errors"):
        arnorm.normalize_file(tmp_path / "bad.txt", tmp_path / "o.txt", errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="field"):
        arnorm.normalize_file(tmp_path / "bad.txt", tmp_path / "o.txt", format="jsonl")
    only(tmp_path, "bad.txt")
