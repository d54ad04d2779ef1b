"""Every user-visible string has a Simplified Chinese translation, and dates read right."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from secdesk import i18n

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import update_catalog  # noqa: E402


def test_every_string_has_a_zh_cn_translation() -> None:
    missing = update_catalog.missing(update_catalog.extract(), update_catalog.load())
    assert missing == [], f"run scripts/update_catalog.py and translate: {missing}"


def test_compiled_catalog_matches_the_po_file() -> None:
    compiled = update_catalog.compile_mo(update_catalog.load())
    assert update_catalog.MO.read_bytes() == compiled, "run scripts/update_catalog.py"


def test_switching_language() -> None:
    i18n.set_language("zh")
    assert i18n._("Telephone log") == "电话记录"
    i18n.set_language("en")
    assert i18n._("Telephone log") == "Telephone log"


@pytest.mark.parametrize(
    ("lang", "expected"), [("zh", "2026年11月27日 星期五"), ("en", "Fri 27 Nov 2026")]
)
def test_dates_as_each_language_writes_them(lang: str, expected: str) -> None:
    i18n.set_language(lang)
    assert i18n.format_date(date(2026, 11, 27)) == expected


@pytest.mark.parametrize(
    ("env", "explicit", "configured", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, None, None, "zh"),
        ({"LANG": "en_US.UTF-8"}, None, None, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "en", None, "en"),
        ({"LANG": "en_US.UTF-8"}, None, "zh", "zh"),
        ({}, None, None, "en"),
    ],
)
def test_language_from_option_config_or_locale(
    monkeypatch: pytest.MonkeyPatch,
    env,
    explicit,
    configured,
    expected,  # noqa: ANN001
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert i18n.detect_language(explicit, configured) == expected
