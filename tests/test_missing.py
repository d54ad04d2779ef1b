"""What the suite does when a test needs something this machine lacks (the shared sample
files, tmux): the test is skipped on a developer's machine and fails on CI, so a green CI
means every test ran. The rule lives in tests/conftest.py and nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import conftest
from tests.conftest import need_program, need_samples

TESTS = Path(__file__).resolve().parent


def test_missing_samples_are_skipped_locally_and_fail_on_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cdr").mkdir()
    (tmp_path / "cdr" / "here.csv").write_text("x", "utf-8")
    monkeypatch.setattr(conftest, "SAMPLES", tmp_path)
    monkeypatch.delenv("CI", raising=False)
    assert need_samples("cdr", "here.csv") == tmp_path / "cdr" / "here.csv"
    with pytest.raises(pytest.skip.Exception, match="sample data not available"):
        need_samples("cdr", "gone.csv")
    monkeypatch.setenv("CI", "true")
    assert need_samples("cdr", "here.csv") == tmp_path / "cdr" / "here.csv"
    with pytest.raises(pytest.fail.Exception, match="on CI every test must run"):
        need_samples("cdr", "gone.csv")
    monkeypatch.setattr(conftest, "SAMPLES", tmp_path / "no-samples-folder")
    with pytest.raises(pytest.fail.Exception, match="no-samples-folder"):
        need_samples("vcf", "any.vcf")


def test_a_missing_program_is_skipped_locally_and_fails_on_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert Path(need_program("sh")).name == "sh"
    with pytest.raises(pytest.skip.Exception, match="secdesk-no-such-program is not installed"):
        need_program("secdesk-no-such-program")
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="secdesk-no-such-program is not installed"):
        need_program("secdesk-no-such-program")


def test_no_test_skips_by_a_rule_of_its_own() -> None:
    """Every skip goes through ``missing`` in conftest.py, which knows about CI."""
    own_rules = re.compile(r"pytest\.skip\(|importorskip|skipif|mark\.skip\b|mark\.xfail")
    found = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name not in ("conftest.py", Path(__file__).name) or path.parent != TESTS
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if own_rules.search(line)
    ]
    assert found == []
