"""信息报送 and 调查研究: their rules, and that search finds them."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from secdesk.services import records, search
from secdesk.services.inputs import InfoReportInput, InvestigationInput
from secdesk.services.views import InvalidInput
from tests import factories as f

pytestmark = pytest.mark.both_engines


def test_an_information_report_is_saved_found_and_its_adoption_kept(session) -> None:  # noqa: ANN001
    data = InfoReportInput(
        title="我区防汛物资储备情况", submitted_at=f.local(2026, 11, 3), submitted_to="市委信息科"
    )
    saved = records.create(session, "inforeport", data)
    hits = search.search(session, "物资储备").hits
    assert [(h.kind, h.id, h.title) for h in hits] == [("inforeport", saved.id, data.title)]
    loaded = records.load(session, "inforeport", saved.id)
    loaded.data.adopted_level = "city"
    loaded.data.adopted_on = date(2026, 11, 10)
    records.update(session, "inforeport", saved.id, loaded.data, loaded.version)
    obj = records.get_record(session, "inforeport", saved.id)
    assert (obj.adopted_level, obj.adopted_on) == ("city", date(2026, 11, 10))
    loaded = records.load(session, "inforeport", saved.id)
    loaded.data.adopted_level = ""  # not adopted after all: no adoption day either
    records.update(session, "inforeport", saved.id, loaded.data, loaded.version)
    assert records.get_record(session, "inforeport", saved.id).adopted_on is None
    with pytest.raises(InvalidInput):
        records.create(session, "inforeport", InfoReportInput("  ", f.local(2026, 11, 3)))
    with pytest.raises(InvalidInput):
        records.create(
            session, "inforeport", InfoReportInput("x", f.local(2026, 11, 3), adopted_level="moon")
        )


@time_machine.travel("2026-11-20 09:00:00 +0800", tick=False)
def test_a_research_topic_dates_the_stages_it_reaches(session) -> None:  # noqa: ANN001
    data = InvestigationInput(topic="农村养老服务调研", started_on=date(2026, 11, 1))
    saved = records.create(session, "investigation", data)
    obj = records.get_record(session, "investigation", saved.id)
    assert (obj.stage, obj.investigation_on) == ("preparation", None)
    loaded = records.load(session, "investigation", saved.id)
    loaded.data.stage = "summary"
    loaded.data.investigation_on = date(2026, 11, 10)
    records.update(session, "investigation", saved.id, loaded.data, loaded.version)
    obj = records.get_record(session, "investigation", saved.id)
    assert (obj.investigation_on, obj.summary_on, obj.finished_on) == (
        date(2026, 11, 10),
        date(2026, 11, 20),
        None,
    )
    assert search.search(session, "养老").hits[0].kind == "investigation"
    with pytest.raises(InvalidInput):
        records.create(
            session,
            "investigation",
            InvestigationInput(
                topic="x",
                started_on=date(2026, 11, 15),
                stage="investigation",
                investigation_on=date(2026, 11, 1),
            ),
        )
