"""Every paper the desk writes (urge notice, supervision report, meeting notice, minutes,
work summary, handover note) opened back with python-docx: a GB/T 9704-2012 公文 signed by
the office set in config.toml, in Chinese and in English."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine

from secdesk import i18n
from secdesk.calendar import clock
from secdesk.models import OutgoingDocument
from tests import factories as f
from tests.gongwen_check import (
    check_addressee,
    check_body,
    check_signature,
    check_title,
    open_paper,
)

pytestmark = pytest.mark.both_engines

OFFICE = "某区人民政府办公室"
NOW = "2026-11-27 10:00:00 +0800"
LANGUAGES = pytest.mark.parametrize("language", ["zh", "en"])


@pytest.fixture(autouse=True)
def office(isolated_home: Path) -> str:
    """config.toml names the office (and the mark of its numbered papers)."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text(
        f'[office]\nname = "{OFFICE}"\nmark = "{OFFICE}文件"\n', encoding="utf-8"
    )
    return OFFICE


def never_the_bare_office(texts: list[str]) -> None:
    assert "办公室" not in texts and "The Office" not in texts


@LANGUAGES
@time_machine.travel(NOW, tick=False)
def test_the_urge_notice(session, tmp_path, language) -> None:  # noqa: ANN001
    from secdesk.office.supervision import papers

    i18n.set_language(language)
    item = f.supervision(
        session, date(2026, 11, 20), undertaking_unit="区统计局", assigned_on=date(2026, 11, 2)
    )
    notice = papers.urge_notice(session, item.id)
    notice.save_docx(tmp_path / "notice.docx")
    opened = open_paper(tmp_path / "notice.docx", OFFICE, language)
    title = "关于“落实安全生产检查”的催办通知" if language == "zh" else notice.title
    check_title(opened.document, title)
    check_addressee(opened.texts, opened.document, "区统计局")
    check_body(opened.document, "交你单位办理" if language == "zh" else "was given to you")
    written = check_signature(opened.document, OFFICE, language)
    assert written == ("2026年11月27日" if language == "zh" else "27 Nov 2026")
    body = "\n".join(opened.texts)
    # Dates inside the sentences carry no weekday either.
    if language == "zh":
        assert "2026年11月2日交你单位办理" in body and "星期" not in body
    else:
        assert "On 2 Nov 2026 the matter" in body and "Mon" not in body
    never_the_bare_office(opened.texts)
    assert notice.text().splitlines()[-1] == written  # the text to copy ends as the paper


@time_machine.travel(NOW, tick=False)
def test_a_numbered_urge_notice_takes_its_number_from_the_outgoing_register(
    session,
    tmp_path,  # noqa: ANN001
) -> None:
    from secdesk.office.supervision import papers

    i18n.set_language("zh")
    item = f.supervision(session, date(2026, 11, 20), undertaking_unit="区统计局")
    session.add(
        OutgoingDocument(
            title="催办通知",
            prefix="某府办督",
            year=2026,
            serial=3,
            doc_number="某府办督〔2026〕3号",
            drafted_at=clock.now_utc(),
        )
    )
    session.flush()
    with pytest.raises(LookupError, match="〔2026〕4号"):
        papers.urge_notice(session, item.id, number="某府办督[2026]4号")
    notice = papers.urge_notice(session, item.id, number="某府办督[2026]3号")
    notice.save_docx(tmp_path / "n.docx")
    opened = open_paper(tmp_path / "n.docx", OFFICE, "zh")
    assert opened.texts[0] == f"{OFFICE}文件"
    assert "某府办督〔2026〕3号" in opened.texts
    check_signature(opened.document, OFFICE, "zh")


@LANGUAGES
@time_machine.travel(NOW, tick=False)
def test_the_supervision_report(session, tmp_path, language) -> None:  # noqa: ANN001
    from secdesk.office.supervision import papers

    i18n.set_language(language)
    f.supervision(session, date(2026, 11, 20), undertaking_unit="区统计局")
    report = papers.period_report(session, date(2026, 11, 1), date(2026, 11, 27))
    report.save_docx(tmp_path / "r.docx")
    opened = open_paper(tmp_path / "r.docx", OFFICE, language)
    check_title(opened.document, report.title)
    check_body(opened.document, "2026年11月1日" if language == "zh" else "1 Nov 2026")
    check_signature(opened.document, OFFICE, language)
    # The overdue items are the paper's first level: 一、二、三、 as Chinese official papers
    # number it (not "1. "), the unit after a Chinese dash and comma.
    first = (
        "一、落实安全生产检查——区统计局，"
        if language == "zh"
        else "1. 落实安全生产检查 — 区统计局, "
    )
    assert any(t.startswith(first) for t in opened.texts), opened.texts
    assert any(t.startswith(first) for t in report.text().splitlines())
    never_the_bare_office(opened.texts)


def _meeting(session) -> int:  # noqa: ANN001
    from secdesk.office.meetings import minutes, record
    from secdesk.services.inputs import MeetingInput

    saved = record.SERVICE.create(
        session,
        MeetingInput(
            title="区长办公会议",
            starts_at=datetime(2026, 12, 4, 9, tzinfo=clock.zone()),
            location="三楼会议室",
            ends="11:00",
            chair="区长",
            recorder="小李",
            participants=[("张三", "", ""), ("李四", "列席", ""), ("王五", "请假", "出差")],
        ),
    )
    session.flush()
    minutes.save_minutes(session, saved.id, "会议听取了汇报。", ["加强检查"])
    session.flush()
    return saved.id


@LANGUAGES
@time_machine.travel(NOW, tick=False)
def test_the_meeting_notice_and_minutes(session, tmp_path, language) -> None:  # noqa: ANN001
    from secdesk.office.meetings import minutes, papers

    i18n.set_language(language)
    view = minutes.minutes_view(session, _meeting(session))
    notice = open_paper(papers.save_notice(view, tmp_path / "n.docx"), OFFICE, language)
    if language == "zh":
        check_title(notice.document, "关于召开区长办公会议的通知")
        check_addressee(notice.texts, notice.document, "各参会单位和人员")
        assert "一、时间：2026年12月4日 09:00–11:00" in notice.texts
    else:
        check_title(notice.document, "Notice of the meeting: 区长办公会议")
        assert "All participants:" in notice.texts
    check_signature(notice.document, OFFICE, language)
    never_the_bare_office(notice.texts)

    paper = open_paper(papers.save_minutes(view, tmp_path / "m.docx"), OFFICE, language)
    mark = paper.document.paragraphs[0]
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    assert mark.text == ("区长办公会议纪要" if language == "zh" else "Minutes of 区长办公会议")
    check_body(paper.document, "会议听取了汇报。")
    present = next(p for p in paper.document.paragraphs if p.text.startswith(("出席", "Present")))
    assert present.runs[0].text == ("出席：" if language == "zh" else "Present:")
    assert present.runs[1].text == "区长、张三"  # the chair is among those present


@LANGUAGES
def test_the_work_summary(session, tmp_path, language) -> None:  # noqa: ANN001
    from secdesk.services import reports

    i18n.set_language(language)
    f.call(session, f.local(2026, 11, 3, 10))
    summary = reports.build(session, reports.parse_period("2026-11"), today=date(2026, 11, 20))
    opened = open_paper(reports.write(summary, tmp_path / "s.docx"), OFFICE, language)
    title = reports.paper_title(summary)
    wanted = f"{OFFICE}2026年11月工作总结" if language == "zh" else f"Work summary of {OFFICE}"
    assert title.startswith(wanted) and OFFICE in reports.title_of(summary)
    check_title(opened.document, title)
    assert ("一、主要数据" if language == "zh" else "1. The figures") in opened.texts
    check_body(opened.document, "来电" if language == "zh" else "Calls")
    check_signature(opened.document, OFFICE, language)
    assert opened.document.tables


@LANGUAGES
def test_the_handover_note(store, tmp_path, language) -> None:  # noqa: ANN001
    from secdesk.services import dutylog

    i18n.set_language(language)
    duty = dutylog.DutyDay(date(2026, 11, 27), [], "记事", "钥匙在抽屉里\n空调已关", "小王")
    _md, text, paper = dutylog.write_exports(duty, tmp_path / "exports")
    opened = open_paper(paper, OFFICE, language)
    heading = f"{OFFICE}值班日志 2026年11月27日" if language == "zh" else None
    check_title(opened.document, heading or f"{OFFICE} duty log 27 Nov 2026")
    check_body(opened.document, "钥匙在抽屉里")
    check_body(opened.document, "空调已关")
    check_signature(opened.document, OFFICE, language)
    assert text.read_text(encoding="utf-8").startswith(OFFICE)  # the printed log too


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    from secdesk.cli import main

    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@time_machine.travel(NOW, tick=False)
def test_every_paper_from_the_shell_refuses_to_overwrite_without_force(
    store,
    capsys,
    tmp_path,  # noqa: ANN001
) -> None:
    """``meeting notice|minutes ID --docx FILE``, ``supervision notice ID --docx FILE
    [--number N]`` and ``report … FILE.docx`` write the same papers as the desk; an
    existing file is kept unless --force is given."""
    with store.db.session() as session:
        meeting_id = _meeting(session)
        item = f.supervision(session, date(2026, 11, 20), undertaking_unit="区统计局")
        item_id = item.id
        session.commit()
    db = store.url or str(store.path)
    commands = [
        (["meeting", "notice", str(meeting_id), "--docx"], "n.docx", "Notice of the meeting"),
        (["meeting", "minutes", str(meeting_id), "--docx"], "m.docx", "Minutes of"),
        (["supervision", "notice", str(item_id), "--docx"], "u.docx", "Urge notice on"),
        (["report", "--month", "2026-11"], "s.docx", f"Work summary of {OFFICE}"),
    ]
    for argv, name, title in commands:
        target = tmp_path / name
        code, out, err = run(capsys, "--db", db, *argv, str(target))
        assert code == 0, err
        assert "warning" not in err  # the office is set: nothing to warn of
        opened = open_paper(target, OFFICE, "en")
        assert any(t.startswith(title) for t in opened.texts), (name, opened.texts[:3])
        before = target.read_bytes()
        code, _out, err = run(capsys, "--db", db, *argv, str(target))
        assert code != 0 and "--force" in err and target.read_bytes() == before
        code, _out, err = run(capsys, "--db", db, *argv, str(target), "--force")
        assert code == 0, err
    code, out, _err = run(capsys, "--db", db, "meeting", "minutes", str(meeting_id))
    assert "Present: 区长、张三" in out
    code, _out, err = run(capsys, "--db", db, "meeting", "notice", "999")
    assert code != 0 and "999" in err
    code, _out, err = run(
        capsys, "--db", db, "supervision", "notice", str(item_id), "--number", "某府办督〔2026〕9号"
    )
    assert code != 0 and "某府办督〔2026〕9号" in err


class Typed:
    """A terminal's keyboard: the lines typed, one per question."""

    def __init__(self, *lines: str) -> None:
        import io

        self.lines = io.StringIO("".join(f"{line}\n" for line in lines))

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        return self.lines.readline()


@time_machine.travel(NOW, tick=False)
def test_without_an_office_the_shell_writes_no_paper(
    store, capsys, tmp_path, isolated_home, monkeypatch
) -> None:  # noqa: ANN001
    """A config.toml written before papers were signed (no [office]): every command that
    writes a paper refuses in one sentence saying how to set the office, and writes
    nothing; on a terminal it asks for the name and mark once, keeps them and signs."""
    from secdesk import config

    (isolated_home / "config.toml").write_text('language = "en"\n', encoding="utf-8")
    with store.db.session() as session:
        item_id = f.supervision(session, date(2026, 11, 20), undertaking_unit="区统计局").id
        meeting_id = _meeting(session)
        session.commit()
    db = store.url or str(store.path)
    commands = [
        ["supervision", "notice", str(item_id), "--docx"],
        ["supervision", "report", "--docx"],
        ["meeting", "notice", str(meeting_id), "--docx"],
        ["meeting", "minutes", str(meeting_id), "--docx"],
        ["report", "--month", "2026-11"],
    ]
    for number, argv in enumerate(commands):
        target = tmp_path / f"{number}.docx"
        code, out, err = run(capsys, "--db", db, *argv, str(target))
        assert code == 2 and not target.exists(), (argv, err)
        assert err.count("\n") == 1 and '[office] name = "某区人民政府办公室"' in err
        assert str(config.config_path()) in err and not out
    target = tmp_path / "asked.docx"
    monkeypatch.setattr("sys.stdin", Typed("  某区人民政府 办公室 ", "某区人民政府办公室文件"))
    code, _out, err = run(capsys, "--db", db, *commands[0], str(target))
    assert code == 0, err
    assert "Which office signs the papers?" in err
    assert config.office() == config.Office("某区人民政府 办公室", "某区人民政府办公室文件")
    check_signature(__import__("docx").Document(str(target)), "某区人民政府 办公室", "en")
    monkeypatch.setattr("sys.stdin", Typed(""))  # asked no more: the office is kept
    code, _out, err = run(capsys, "--db", db, *commands[1], str(tmp_path / "r.docx"))
    assert code == 0 and "Which office" not in err


def test_a_terminal_answer_left_empty_writes_no_paper(
    store, capsys, tmp_path, isolated_home, monkeypatch
) -> None:  # noqa: ANN001
    (isolated_home / "config.toml").unlink()
    store.open()
    monkeypatch.setattr("sys.stdin", Typed(""))
    target = tmp_path / "s.docx"
    code, _out, err = run(
        capsys,
        "--db",
        (store.url or str(store.path)),
        "supervision",
        "report",
        "--docx",
        str(target),
    )
    assert (code, target.exists()) == (1, False), err
    assert "[office]" in err


def test_the_office_table_is_read_and_written_keeping_the_rest(tmp_path) -> None:  # noqa: ANN001
    from secdesk import config

    path = tmp_path / "config.toml"
    path.write_text('language = "zh"\n\n[office]\nmark = "某府文件"\nname = ""\n\n[rules]\n')
    settings = config.load_settings(path)
    assert settings.ask_office and settings.office == config.Office("", "某府文件")
    config.save_office('某区"人民政府"办公室', path)
    settings = config.load_settings(path)
    assert settings.office == config.Office('某区"人民政府"办公室', "某府文件")
    assert not settings.ask_office and settings.language == "zh" and not settings.warnings
    path.write_text('language = "en"\n')
    config.save_office("某办", path)
    assert config.load_settings(path).office.head == "某办"  # no mark: the name heads
    path.write_text('office = "某办"\n')
    assert "[office]" in config.load_settings(path).warnings[0]
