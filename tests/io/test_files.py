"""secdesk.io.files: what the desk writes for the user is readable by its owner alone."""

from __future__ import annotations

from pathlib import Path

from secdesk.io.files import save_private, unused_name, write_private


def test_a_new_file_and_a_replaced_one_are_0600(tmp_path: Path) -> None:
    new, old = tmp_path / "new.vcf", tmp_path / "old.vcf"
    old.write_text("before", encoding="utf-8")
    old.chmod(0o644)
    write_private(new, "张三".encode())
    save_private(old, lambda handle: handle.write(b"after"))
    assert (new.read_bytes(), old.read_bytes()) == ("张三".encode(), b"after")
    assert {new.stat().st_mode & 0o777, old.stat().st_mode & 0o777} == {0o600}


def test_a_paper_written_again_takes_the_next_free_name(tmp_path: Path) -> None:
    assert unused_name(tmp_path, "urge-notice-3", ".docx") == tmp_path / "urge-notice-3.docx"
    (tmp_path / "urge-notice-3.docx").write_bytes(b"first")
    (tmp_path / "urge-notice-3-2.docx").write_bytes(b"second")
    assert unused_name(tmp_path, "urge-notice-3", ".docx") == tmp_path / "urge-notice-3-3.docx"
    assert (tmp_path / "urge-notice-3.docx").read_bytes() == b"first"
