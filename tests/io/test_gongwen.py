"""The 公文 writer (io.gongwen): a paper opened back with python-docx is laid out as
GB/T 9704-2012 asks, in Chinese and in English."""

from __future__ import annotations

from datetime import date

import pytest

from secdesk import i18n
from secdesk.io import gongwen
from tests.conftest import HOSTILE
from tests.gongwen_check import (
    check_addressee,
    check_body,
    check_signature,
    check_title,
    east_asian_font,
    open_paper,
)

OFFICE = "某区人民政府办公室"


def paper(**kw) -> gongwen.Paper:  # noqa: ANN003
    values = {
        "title": "关于报送年度工作总结的通知",
        "office": OFFICE,
        "day": date(2026, 12, 5),
        "addressee": "各街道办事处、区直各单位",
        "body": [
            ("para", "为做好年度总结工作，现将有关事项通知如下。"),
            ("h1", "一、报送内容"),
            ("h2", "（一）工作总结"),
            ("h3", "1.主要成效"),
            ("h4", "（1）数据"),
        ],
    }
    values.update(kw)
    return gongwen.Paper(**values)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_paper_is_an_a4_gongwen_in_both_languages(tmp_path, language) -> None:  # noqa: ANN001
    i18n.set_language(language)
    path = gongwen.write(paper(), tmp_path / "notice.docx")
    opened = open_paper(path, OFFICE, language)
    check_title(opened.document, "关于报送年度工作总结的通知")
    check_addressee(opened.texts, opened.document, "各街道办事处、区直各单位")
    check_body(opened.document, "为做好年度总结工作")
    day = check_signature(opened.document, OFFICE, language)
    assert day == ("2026年12月5日" if language == "zh" else "5 Dec 2026")
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_the_levels_take_their_fonts(tmp_path) -> None:  # noqa: ANN001
    """一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋, each indented two characters."""
    opened = open_paper(gongwen.write(paper(), tmp_path / "p.docx"), OFFICE, "en")
    fonts = {
        p.text: east_asian_font(p.runs[0])
        for p in opened.document.paragraphs
        if p.text in ("一、报送内容", "（一）工作总结", "1.主要成效", "（1）数据")
    }
    assert fonts == {
        "一、报送内容": "黑体",
        "（一）工作总结": "楷体_GB2312",
        "1.主要成效": "仿宋_GB2312",
        "（1）数据": "仿宋_GB2312",
    }
    for text in fonts:
        check_body_indent = next(p for p in opened.document.paragraphs if p.text == text)
        assert check_body_indent.paragraph_format.first_line_indent.pt == 32


def test_a_numbered_paper_has_the_red_mark_its_number_and_the_red_line(tmp_path) -> None:  # noqa: ANN001
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    i18n.set_language("zh")
    numbered = paper(mark="某区人民政府办公室文件", number="某府办发〔2026〕3号")
    opened = open_paper(gongwen.write(numbered, tmp_path / "n.docx"), OFFICE, "zh")
    mark = opened.document.paragraphs[0]
    assert mark.text == "某区人民政府办公室文件"
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    assert east_asian_font(mark.runs[0]) == "方正小标宋简体"
    assert mark.paragraph_format.space_before.mm > 30  # its top 35 mm below the block's top
    number = next(p for p in opened.document.paragraphs if p.text == "某府办发〔2026〕3号")
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    line = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert line.get(qn("w:color")) == "FF0000"
    index = opened.texts.index(number.text)
    assert opened.texts[index - 2 : index] == ["", ""]  # two blank lines below the mark
    assert opened.texts[index + 1 : index + 3] == ["", ""]  # and above the title
    check_title(opened.document, "关于报送年度工作总结的通知")


def test_minutes_carry_the_mark_and_the_attendance_labels_in_hei(tmp_path) -> None:  # noqa: ANN001
    i18n.set_language("zh")
    minutes = gongwen.Paper(
        title="",
        office=OFFICE,
        day=date(2026, 12, 5),
        mark="区长办公会议纪要",
        number="2026年12月4日 09:00 三楼会议室",
        signed=False,
        body=[("para", "会议听取了汇报。"), ("label", "出席：张三、李四"), ("label", "请假：王五")],
    )
    opened = open_paper(gongwen.write(minutes, tmp_path / "m.docx"), OFFICE, "zh")
    assert opened.texts[0] == "区长办公会议纪要"
    present = next(p for p in opened.document.paragraphs if p.text == "出席：张三、李四")
    label, names = present.runs
    assert (label.text, east_asian_font(label), label.font.size.pt) == ("出席：", "黑体", 16)
    assert (names.text, east_asian_font(names)) == ("张三、李四", "仿宋_GB2312")
    fmt = present.paragraph_format
    # Two characters in; the names that wrap line up after the colon.
    assert fmt.left_indent.pt + fmt.first_line_indent.pt == 32 and fmt.left_indent.pt == 80
    assert "请假：王五" in opened.texts
    assert OFFICE not in opened.texts  # minutes are not signed


def test_the_signature_is_centred_over_the_date() -> None:
    """Date four characters in from the right; the name's centre over the date's."""
    name_in, date_in = gongwen.signature_indents(OFFICE, "2026年12月5日")
    assert date_in == 4
    name_centre = name_in + gongwen.width(OFFICE) / 2
    assert name_centre == date_in + gongwen.width("2026年12月5日") / 2
    assert gongwen.signature_indents("某某", "2026年12月5日")[0] > 4


def test_addressee_and_dates_as_chinese_is_written() -> None:
    assert gongwen.addressee_line("区统计局:") == "区统计局："
    assert gongwen.addressee_line("区统计局") == "区统计局："
    assert gongwen.addressee_line("All participants") == "All participants:"
    i18n.set_language("zh")
    assert gongwen.paper_date(date(2026, 1, 5)) == "2026年1月5日"
    assert [gongwen.level_number(level, 2) for level in (1, 2, 3, 4)] == [
        "二、", "（二）", "2.", "（2）"
    ]  # fmt: skip


def test_hostile_text_is_written_as_text(tmp_path) -> None:  # noqa: ANN001
    import docx

    body = [("para", text) for text in HOSTILE]
    path = gongwen.write(paper(body=body, title="\x1b[2J标题"), tmp_path / "h.docx")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "[link=x]y[/link]" in texts and "[@click=app.quit]x" in texts
    assert not any("\x1b" in t for t in texts)


def test_tables_are_numbers_right_aligned(tmp_path) -> None:  # noqa: ANN001
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = gongwen.Table(("类别", "件数"), [("来电", 259), ("按期率", 76.9)])
    path = gongwen.write(paper(body=[table]), tmp_path / "t.docx")
    grid = docx.Document(str(path)).tables[0]
    assert [[c.text for c in row.cells] for row in grid.rows] == [
        ["类别", "件数"], ["来电", "259"], ["按期率", "76.9"]
    ]  # fmt: skip
    assert grid.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
