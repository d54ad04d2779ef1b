"""Write an urge notice (催办通知) from the demo office and render its first page to
docs/urge-notice.png, the picture in the README, and its second (the signature, the even
page's number on the left) to docs/urge-notice-2.png (not part of CI).

    python scripts/render_paper.py [--dpi 100] [--keep FOLDER]

Needs LibreOffice (``soffice``) and poppler (``pdftoppm``); Debian: libreoffice-writer,
poppler-utils, fonts-noto-cjk. The notice is the desk's own: an overdue supervision item of the demo
office (the shortest, so the signature shows on page one), issued as a numbered paper
registered in the demo's outgoing register.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PICTURES = (ROOT / "docs" / "urge-notice.png", ROOT / "docs" / "urge-notice-2.png")
TODAY = date(2026, 12, 7)  # a Monday: the same picture on every run


def write_notice(folder: Path) -> Path:
    import time_machine
    from sqlmodel import col, func, select

    from secdesk import config, i18n
    from secdesk.calendar import clock
    from secdesk.demo import OFFICE, seed_demo
    from secdesk.kinds.supervision import OPEN
    from secdesk.models import OutgoingDocument, SupervisionItem
    from secdesk.office.documents.outgoing import log_outgoing
    from secdesk.office.supervision import papers
    from secdesk.services.store import Store

    i18n.set_language("zh")
    clock.set_zone("Asia/Shanghai")
    config.use_office(OFFICE)
    with time_machine.travel(f"{TODAY.isoformat()} 09:30 +0800", tick=False):
        database = folder / "demo.db"
        database.unlink(missing_ok=True)  # this script's own file from an earlier --keep run
        seed_demo(database, years=1, today=TODAY)
        store = Store(database)

        def numbered(session):  # noqa: ANN001, ANN202
            item = session.exec(
                select(SupervisionItem)
                .where(col(SupervisionItem.deleted_at).is_(None))
                .where(col(SupervisionItem.status).in_(list(OPEN)))
                .where(SupervisionItem.due < TODAY, SupervisionItem.undertaking_unit != "")
                .order_by(col(SupervisionItem.urge_count), func.length(SupervisionItem.title))
            ).first()  # the shortest notice: its signature fits on the first page
            if item is None:
                raise SystemExit("the demo office has no overdue supervision item")
            outgoing = log_outgoing(
                session,
                f"关于“{item.title}”的催办通知",
                "某区政办督",
                recipients=item.undertaking_unit,
            )
            number = session.get(OutgoingDocument, outgoing.id).doc_number
            return papers.urge_notice(session, item.id, number=number)

        notice = store.write(numbered)
        store.close()
        target = folder / "urge-notice.docx"
        notice.save_docx(target)
    return target


def render(docx: Path, dpi: int) -> None:
    for program in ("soffice", "pdftoppm"):
        if shutil.which(program) is None:
            raise SystemExit(f"{program} is not installed")
    folder = docx.parent
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for page, picture in enumerate(PICTURES, start=1):
        stem = folder / f"page-{page}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
             "-singlefile", str(docx.with_suffix(".pdf")), str(stem)],
            check=True,
            timeout=120,
        )  # fmt: skip
        picture.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stem.with_suffix(".png"), picture)
        print(f"written {picture.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=100)
    parser.add_argument("--keep", metavar="FOLDER", help="write the .docx and .pdf here too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="secdesk-paper-") as name:
        folder = Path(args.keep) if args.keep else Path(name)
        folder.mkdir(parents=True, exist_ok=True)
        render(write_notice(folder), args.dpi)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
