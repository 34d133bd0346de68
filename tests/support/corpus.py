"""Where the public workbook corpus is, for the tests that read every file of it.

The corpus (about 80 real spreadsheets from other projects' test suites, with a ``MANIFEST.tsv``
of their origins and licences) is not part of the repository. A developer's checkout usually has
it beside the repository, at ``../shared/corpus``; anywhere else, ``CHANNEL_DESK_CORPUS`` names
the folder. Without either, the tests that need it skip with one line that says how to run them,
so a fresh clone runs green instead of failing on files it was never given. A variable that is
set but names no corpus is a mistake worth stopping for, not a reason to skip quietly: see
``corpus_problem``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

#: The environment variable that names the corpus folder (the one holding ``xlsx/``).
ENV_VAR = "CHANNEL_DESK_CORPUS"

REPO = Path(__file__).resolve().parents[2]
MANIFEST = "MANIFEST.tsv"


def _workbooks_in(folder: Path) -> Path | None:
    """The folder of workbooks: ``folder/xlsx``, or ``folder`` itself when it holds them."""
    for candidate in (folder / "xlsx", folder):
        if (candidate / MANIFEST).is_file():
            return candidate
    return None


def find_corpus(
    environ: Mapping[str, str] | None = None, repo: Path = REPO
) -> Path | None:  # fmt: skip
    """The corpus's folder of workbooks, from ``CHANNEL_DESK_CORPUS`` or beside the repository.

    The variable, when set, is the only place looked at: a run that names its corpus should
    never silently use another one.
    """
    env = os.environ if environ is None else environ
    named = env.get(ENV_VAR)
    if named:
        return _workbooks_in(Path(named).expanduser())
    return _workbooks_in(repo.parent / "shared" / "corpus")


def corpus_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why ``CHANNEL_DESK_CORPUS`` cannot be used, in one line; ``None`` if unset or usable."""
    env = os.environ if environ is None else environ
    named = env.get(ENV_VAR)
    if named and find_corpus(env) is None:
        return f"{ENV_VAR}={named} holds no corpus: no {MANIFEST} there or in its xlsx/ folder"
    return None


#: The folder of workbooks, or ``None`` when this checkout has no corpus.
CORPUS = find_corpus()

WHY_SKIPPED = (
    f"no workbook corpus: put it at ../shared/corpus beside the repository or set {ENV_VAR}"
)

#: Marks a test (or, as ``pytestmark``, a module) that reads the corpus.
needs_corpus = pytest.mark.skipif(CORPUS is None, reason=WHY_SKIPPED)


def corpus_files() -> list[Path]:
    """Every workbook of the corpus, by name (empty without a corpus)."""
    if CORPUS is None:
        return []
    return sorted(p for p in CORPUS.iterdir() if p.is_file() and p.name != MANIFEST)


def corpus_file(name: str) -> Path:
    """One workbook of the corpus by its file name; the test skips when there is no corpus.

    A file missing from a corpus that is there fails the test here: read further, it would be
    refused as missing, and a refusal test could pass on the words of that message.
    """
    if CORPUS is None:
        pytest.skip(WHY_SKIPPED)
    path = CORPUS / name
    assert path.is_file(), f"{name} is not in the corpus at {CORPUS}"
    return path
