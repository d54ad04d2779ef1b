"""Every user-visible string has a Simplified Chinese translation, and dates read right."""

from __future__ import annotations

import re
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


#: ASCII punctuation that is right beside Chinese in the catalog on purpose: the search
#: syntax (``who:王``, ``kind: from: to: who:``) and lists written as the config file wants
#: them (``["a", "b"]``).
LEGITIMATE_ASCII = ("who:王", "kind: from: to: who:", '"a", "b"', '"8001", "8002"', '"议题征集", …')
ASCII_BESIDE_CHINESE = re.compile(r"[\u4e00-\u9fff][:;,.?]|[:;,.?][\u4e00-\u9fff]")
ASCII_AS_PROSE = re.compile(r"[:;,.?](?: |$)")


def ascii_punctuation_in_chinese(text: str) -> list[str]:
    """The ASCII ``: ; , . ?`` that Chinese text uses where it should write ：；，。？."""
    for allowed in LEGITIMATE_ASCII:
        text = text.replace(allowed, "")
    if not re.search(r"[\u4e00-\u9fff]", text):
        return []
    return ASCII_BESIDE_CHINESE.findall(text) + ASCII_AS_PROSE.findall(text)


def test_ascii_punctuation_is_found_beside_chinese() -> None:
    assert ascii_punctuation_in_chinese("其中0个有变动.") == ["动.", "."]
    assert ascii_punctuation_in_chinese("一、时间: 下午") == ["间:", ": "]
    assert ascii_punctuation_in_chinese("将添加 4 行; 0 行") == ["行;", "; "]
    assert ascii_punctuation_in_chinese("检索：kind:call who:王") == []
    assert ascii_punctuation_in_chinese("file.docx, notes.md") == []


def test_chinese_translations_use_full_width_punctuation() -> None:
    wrong = {}
    for message in update_catalog.load():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if message.id and text and ascii_punctuation_in_chinese(text):
                wrong[text] = ascii_punctuation_in_chinese(text)
    assert wrong == {}


def test_strings_inside_f_strings_are_extracted_for_translation() -> None:
    """``f"{x} {_('(prov.)')}"``: babel does not read inside f-strings; the catalog does."""
    found = {message for _file, _line, message in update_catalog.in_f_strings()}
    assert {"(prov.)", "(not imported)"} <= found
    assert "(prov.)" in update_catalog.extract()


def test_sentences_built_of_clauses_end_as_chinese_does() -> None:
    from secdesk.services import notices

    i18n.set_language("zh")
    said = notices.text(3, 0, 2027)
    assert said == "有3个暂定期限已按2027年节假日安排重新计算；其中0个有变动。"
    i18n.set_language("en")
    assert notices.text(3, 0, 2027).endswith("holiday calendar; 0 of them moved.")


def test_the_urge_notice_addresses_the_unit_with_a_full_width_colon(session) -> None:  # noqa: ANN001
    from secdesk.office.supervision import papers
    from tests import factories as f

    item = f.supervision(session, date(2026, 11, 20), undertaking_unit="区统计局", urge_count=1)
    i18n.set_language("zh")
    notice = papers.urge_notice(session, item.id)
    from secdesk.io.gongwen import addressee_line

    assert addressee_line(notice.addressee) == "区统计局："
    texts = [text for _style, text in notice.blocks]
    assert "。 " not in texts[-1]  # sentences run on, as Chinese writes them
    assert [ascii_punctuation_in_chinese(p) for p in texts] == [[], []]


@pytest.mark.parametrize(
    ("lang", "listed", "joined"), [("zh", "张三、李四", "甲；乙"), ("en", "张三, 李四", "甲; 乙")]
)
def test_lists_and_clauses_join_as_each_language_writes_them(
    session,  # noqa: ANN001
    lang: str,
    listed: str,
    joined: str,
) -> None:
    """Chinese lists names with 、 and puts clauses side by side with ；, no space after
    either; English keeps ", " and "; ". So do the meeting form's clashes, a contact's
    numbers in its detail, and the steps a refusal names."""
    from secdesk.models.supervision import SupervisionStatus
    from secdesk.screens.meeting_form import ConflictsFound
    from secdesk.services import records, workflow
    from secdesk.services.phrases import names, semicolons
    from secdesk.services.steplog import workflow_of
    from tests import factories as f

    i18n.set_language(lang)
    assert names(["张三", "", "李四"]) == listed
    assert semicolons(["甲", "", "乙"]) == joined
    clashes = ConflictsFound(["三楼会议室 15:00", "张三 15:00"])
    assert str(clashes) == joined.replace("甲", "三楼会议室 15:00").replace("乙", "张三 15:00")

    person = f.contact(session, "王五", numbers=[("13800000000", "手机"), ("0101234", "")])
    fields = dict(records.detail(session, "contact", person).fields)
    shown = "13800000000（手机），0101234" if lang == "zh" else "13800000000 (手机), 0101234"
    assert shown in fields.values(), fields

    close = workflow_of("supervision").step("close")
    said = workflow.refusal("supervision", close, SupervisionStatus.urged)
    steps = [f"{t.key} {i18n._(t.label)}" for t in workflow_of("supervision").allowed("urged")]
    assert len(steps) > 1
    assert names(steps) in said, said


def test_a_msgid_marked_with_a_context_reads_as_it_stands_there() -> None:
    """C_() marks a msgid with its context (msgctxt): the state Assigned in a list is 已交办
    while the field Assigned stays 交办日期; the catalog extracts the context and checks
    its translation."""
    from secdesk.i18n import C_

    i18n.set_language("zh")
    assert (i18n._(C_("status", "Assigned")), i18n._("Assigned")) == ("已交办", "交办日期")
    i18n.set_language("en")
    assert i18n._(C_("status", "Assigned")) == "Assigned"
    template = update_catalog.extract()
    assert template.get("Assigned", context="status") is not None
