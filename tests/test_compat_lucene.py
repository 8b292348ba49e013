"""arnorm.compat.lucene equals Apache Lucene 8.7 (Debian's liblucene8-java).

A small Java harness (tests/lucene/LuceneHarness.java) is compiled once into a temporary
directory with the machine's JDK and fed every input in one process. Lucene works on
UTF-16, so outputs are compared as UTF-16 code units (a Python string with a lone high
surrogate followed by a lone low surrogate is one code point pair to Java).
"""

from __future__ import annotations

import hashlib
import itertools
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from arnorm.compat import lucene as ours
from compat_check import ALL_CODE_POINTS, arabic_text, contexts
from compat_corpus import corpus

HARNESS = Path(__file__).resolve().parent / "lucene" / "LuceneHarness.java"
JARS = [
    Path("/usr/share/java/lucene-analyzers-common-8.7.0.jar"),
    Path("/usr/share/java/lucene-core-8.7.0.jar"),
]
MODES = {"n": ours.normalize, "p": ours.persian_normalize, "s": ours.stem}


@pytest.fixture(scope="module")
def java_classpath() -> str:
    if not all(j.exists() for j in JARS) or not shutil.which("javac"):
        pytest.skip("needs Debian's liblucene8-java and a JDK (scripts/test.sh installs both)")
    key = hashlib.sha256(HARNESS.read_bytes() + str(JARS).encode()).hexdigest()[:16]
    out = Path(tempfile.gettempdir()) / f"arnorm-lucene-harness-{key}"
    cp = ":".join(str(j) for j in JARS)
    if not (out / "LuceneHarness.class").exists():
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(["javac", "-cp", cp, "-d", str(out), str(HARNESS)], check=True)
    return f"{cp}:{out}"


def _units(s: str) -> list[int]:
    b = s.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(b[i : i + 2], "little") for i in range(0, len(b), 2)]


def lucene(cp: str, mode: str, texts: list[str]) -> list[list[int]]:
    lines = "".join(mode + "".join(f" {ord(c):x}" for c in t) + "\n" for t in texts)
    run = subprocess.run(
        ["java", "-cp", cp, "LuceneHarness"],
        input=lines.encode("ascii"),
        capture_output=True,
        check=True,
    )
    out = run.stdout.decode("ascii").split("\n")[:-1]
    assert len(out) == len(texts)
    return [[int(x, 16) for x in line.split()] for line in out]


def assert_same(cp: str, mode: str, texts: list[str]) -> None:
    theirs = lucene(cp, mode, texts)
    diff = [
        (ascii(t), MODES[mode](t), "".join(map(chr, e)))
        for t, e in zip(texts, theirs, strict=True)
        if _units(MODES[mode](t)) != e
    ]
    assert not diff, f"{len(diff)} differences, first: {diff[:5]}"


@pytest.mark.parametrize("mode", ["n", "p"])
def test_normalizers_every_code_point(java_classpath: str, mode: str) -> None:
    inputs = [*contexts("", ""), *corpus()]
    assert_same(java_classpath, mode, inputs)
    assert sum(MODES[mode](d) != d for d in corpus()) > 0


_STEM_LETTERS = "البكفوهنتيةم😀"


def _stem_inputs() -> list[str]:
    rng = random.Random(4)
    out = list(ALL_CODE_POINTS)
    out += [
        f"{pre}{chr(c)}{post}" for c in range(0x10000) for pre, post in [("ال", "ها"), ("و", "ات")]
    ]
    # Every string of up to 4 letters that prefixes and suffixes are made of, then longer
    # random ones, then the corpus words.
    for n in range(5):
        out += ["".join(p) for p in itertools.product(_STEM_LETTERS, repeat=n)]
    out += ["".join(rng.choices(_STEM_LETTERS, k=rng.randint(5, 9))) for _ in range(20000)]
    out += sorted({w for d in corpus() for w in d.split()})
    return out


def test_stem(java_classpath: str) -> None:
    inputs = _stem_inputs()
    assert_same(java_classpath, "s", inputs)
    assert ours.stem("والكتابات") == "كتاب"


@pytest.fixture(scope="module")
def java_session(java_classpath: str):
    """One harness process answering line by line (a JVM start per example is slow)."""
    with subprocess.Popen(
        ["java", "-cp", java_classpath, "LuceneHarness"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="ascii",
    ) as proc:
        yield proc
        proc.stdin.close()  # the harness ends at end of input


@settings(max_examples=300, deadline=None)
@given(text=arabic_text)
def test_random_text(java_session, text: str) -> None:
    for mode in MODES:
        java_session.stdin.write(mode + "".join(f" {ord(c):x}" for c in text) + "\n")
        java_session.stdin.flush()
        theirs = [int(x, 16) for x in java_session.stdout.readline().split()]
        assert _units(MODES[mode](text)) == theirs, ascii(text)


def test_non_str_is_type_error() -> None:
    for f in MODES.values():
        with pytest.raises(TypeError, match="expects str"):
            f(b"abc")  # type: ignore[arg-type]
