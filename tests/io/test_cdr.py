"""secdesk.io.cdr: reading Asterisk cdr_csv Master.csv files."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest

from secdesk.io.cdr import CdrError, parse_clid, parse_master_csv
from tests.conftest import need_samples


def sample(name: str) -> bytes:
    """A file of ../shared/samples/cdr (skipped without it, failed on CI)."""
    return need_samples("cdr", name).read_bytes()


def row(
    *,
    src: str = "8001",
    dst: str = "013800000000",
    clid: str = '"张三" <8001>',
    start: str = "2026-11-26 09:15:00",
    answer: str = "2026-11-26 09:15:04",
    end: str = "2026-11-26 09:17:04",
    duration: str = "124",
    billsec: str = "120",
    disposition: str = "ANSWERED",
    tail: tuple[str, ...] = ("1764119700.12", ""),
) -> str:
    quoted = [
        "",
        src,
        dst,
        "from-internal",
        clid,
        "SIP/8001-0000001",
        "SIP/trunk-0000002",
        "Dial",
        "SIP/trunk/013800000000,60",
        start,
        answer,
        end,
    ]
    fields = ['"' + f.replace('"', '""') + '"' for f in quoted]
    fields += [duration, billsec, f'"{disposition}"', '"DOCUMENTATION"']
    fields += ['"' + f.replace('"', '""') + '"' for f in tail]
    return ",".join(fields)


# ------------------------------------------------------------------ the sample files


def test_console_calls_sample() -> None:
    records = parse_master_csv(sample("asterisk_master_csv_console_calls.csv"))
    assert len(records) == 2
    first, second = records
    assert first.line == 1 and second.line == 2
    assert first.start == datetime(2010, 4, 2, 0, 26, 32)
    assert first.answer == datetime(2010, 4, 2, 0, 26, 32)
    assert first.end == datetime(2010, 4, 2, 0, 26, 39)
    assert first.start.tzinfo is None
    assert (first.src, first.dst, first.caller_name, first.caller_number) == ("", "1", "", "")
    assert first.channel == "Console/dsp"
    assert (first.duration, first.billsec, first.disposition) == (7, 7, "ANSWERED")
    assert first.uniqueid == "1270167992.0"
    assert second.uniqueid == "1270168442.0"
    assert second.start == datetime(2010, 4, 2, 0, 34, 2)
    assert first.direction == second.direction == "incoming"
    assert first.external_id.startswith("1270167992.0:")


def test_dispositions_sample_with_quoted_clid() -> None:
    records = parse_master_csv(sample("asterisk_master_csv_dispositions_quoted_clid.csv"))
    assert len(records) == 5
    assert [r.disposition for r in records] == [
        "ANSWERED",
        "ANSWERED",
        "FAILED",
        "NO ANSWER",
        "BUSY",
    ]
    for r in records:
        assert (r.caller_name, r.caller_number) == ("Test User", "test")  # """Test User"" <test>"
        assert (r.src, r.dst, r.channel, r.dstchannel) == ("test", "100", "SIP/test-02897fd8", "")
        assert r.start == datetime(2009, 1, 14, 23, 51, 15)
        assert r.duration == 5
        assert r.uniqueid == "1231977075.0"
        assert r.userfield == ""
    assert [r.billsec for r in records] == [5, 7, 0, 0, 0]  # line 2: billsec > duration
    # Every line repeats one uniqueid, so the uniqueid alone cannot be the import key.
    assert len({r.external_id for r in records}) == 5


def test_dispositions_sample_direction() -> None:
    data = sample("asterisk_master_csv_dispositions_quoted_clid.csv")
    assert {r.direction for r in parse_master_csv(data)} == {"incoming"}
    assert {r.direction for r in parse_master_csv(data, {"test"})} == {"outgoing"}
    assert {r.direction for r in parse_master_csv(data, ["100"])} == {"incoming"}


def test_malformed_sample_names_the_line() -> None:
    data = sample("asterisk_master_csv_malformed_unterminated_quote.csv")
    with pytest.raises(CdrError) as caught:
        parse_master_csv(data)
    assert caught.value.line == 1
    assert "quote" in caught.value.message
    assert str(caught.value).startswith("line 1: ")


def test_malformed_line_after_good_ones_imports_nothing() -> None:
    good = sample("asterisk_master_csv_dispositions_quoted_clid.csv")
    bad = sample("asterisk_master_csv_malformed_unterminated_quote.csv")
    with pytest.raises(CdrError) as caught:
        parse_master_csv(good + bad + good)
    assert caught.value.line == 6


def test_import_key_is_stable() -> None:
    data = sample("asterisk_master_csv_dispositions_quoted_clid.csv")
    first = [r.external_id for r in parse_master_csv(data)]
    assert first == [r.external_id for r in parse_master_csv(data)]
    assert first == [r.external_id for r in parse_master_csv(data.decode("utf-8"))]
    assert first == [r.external_id for r in parse_master_csv(data.replace(b"\n", b"\r\n"))]
    # Asterisk appends to Master.csv: the records already there keep their keys.
    console = sample("asterisk_master_csv_console_calls.csv")
    grown = [r.external_id for r in parse_master_csv(data + console)]
    assert grown[:5] == first
    assert grown[5:] == [r.external_id for r in parse_master_csv(console)]
    line = data.split(b"\n")[0]
    assert first[0] == "1231977075.0:" + hashlib.sha1(line).hexdigest()[:16]


# ------------------------------------------------------------------ details


def test_a_typical_office_call() -> None:
    (call,) = parse_master_csv(row() + "\n", internal_extensions={"8001", "8002"})
    assert call.start == datetime(2026, 11, 26, 9, 15)
    assert call.answer == datetime(2026, 11, 26, 9, 15, 4)
    assert call.end == datetime(2026, 11, 26, 9, 17, 4)
    assert (call.caller_name, call.caller_number) == ("张三", "8001")
    assert call.direction == "outgoing"
    assert call.dstchannel == "SIP/trunk-0000002"
    assert (call.duration, call.billsec) == (124, 120)


def test_unanswered_call_has_no_answer_time() -> None:
    (call,) = parse_master_csv(row(answer="", billsec="0", disposition="NO ANSWER"))
    assert call.answer is None
    assert call.end is not None


@pytest.mark.parametrize("tail", [(), ("1764119700.12",), ("1764119700.12", "vip")])
def test_16_17_or_18_columns(tail: tuple[str, ...]) -> None:
    (call,) = parse_master_csv(row(tail=tail))
    assert call.uniqueid == (tail[0] if tail else "")
    assert call.userfield == (tail[1] if len(tail) > 1 else "")
    if not tail:
        expected = hashlib.sha1(row(tail=tail).encode()).hexdigest()
        assert call.external_id == expected


def test_without_uniqueid_the_key_is_the_line_hash() -> None:
    a, b = parse_master_csv("\n".join([row(tail=()), row(tail=(), billsec="3")]))
    assert len(a.external_id) == len(b.external_id) == 40
    assert a.external_id != b.external_id


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (row(tail=("1", "2", "3")), "found 19"),
        ('"a","b","c"', "found 3"),
        (row(start="26/11/2026 09:15"), "start time"),
        (row(start=""), "start time is empty"),
        (row(answer="soon"), "answer time"),
        (row(duration="12s"), "duration"),
        (row(billsec=""), "billsec"),
        (row(duration="1.5"), "duration"),
        (row() + ',"unterminated', "quote"),
        ('"a"x,' + row(), "malformed CSV"),
    ],
)
def test_errors_name_the_line(text: str, words: str) -> None:
    data = "\n".join([row(), "", text, row()]) + "\n"
    with pytest.raises(CdrError) as caught:
        parse_master_csv(data)
    assert caught.value.line == 3
    assert words in caught.value.message


def test_blank_lines_bom_and_gbk() -> None:
    data = b"\xef\xbb\xbf\n" + row().encode("gbk") + b"\n\n"
    (call,) = parse_master_csv(data)
    assert call.caller_name == "张三"
    assert call.line == 2
    assert parse_master_csv(b"") == []


def test_hostile_text_is_kept_as_text() -> None:
    clid = '"[@click=app.quit]x \x1b[2J" <[/]>'
    (call,) = parse_master_csv(row(clid=clid, src="[bold"))
    assert call.caller_name == "[@click=app.quit]x \x1b[2J"
    assert call.caller_number == "[/]"
    assert call.src == "[bold"


@pytest.mark.parametrize(
    ("clid", "expected"),
    [
        ('"Test User" <test>', ("Test User", "test")),
        ('"张三" <010-12345678>', ("张三", "010-12345678")),
        ("Name <100>", ("Name", "100")),
        ("<100>", ("", "100")),
        ('"" <100>', ("", "100")),
        ('"Name" <>', ("Name", "")),
        ('"Name"', ("Name", "")),
        ("8001", ("", "8001")),
        ("+86 10 1234-5678", ("", "+86 10 1234-5678")),
        ("Reception", ("Reception", "")),
        ("", ("", "")),
        ('"O\\"Brien" <5>', ('O"Brien', "5")),
    ],
)
def test_parse_clid(clid: str, expected: tuple[str, str]) -> None:
    assert parse_clid(clid) == expected


def test_caller_number_falls_back_to_src() -> None:
    (call,) = parse_master_csv(row(clid="Reception", src="8003"))
    assert (call.caller_name, call.caller_number) == ("Reception", "8003")
