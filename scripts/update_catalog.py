"""Extract every translatable string and update the zh_CN catalog (.po) and its .mo.

    python scripts/update_catalog.py          # update .po (new strings get empty msgstr) and .mo
    python scripts/update_catalog.py --check  # exit 1 if a string lacks a translation

Needs babel (in the test extras). Strings are ``_("...")``, ``N_("...")``, ``NP_(...)``,
``ngettext(...)`` and ``C_(context, "...")`` (a msgctxt) calls in ``secdesk/``.
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "secdesk"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "secdesk.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "NP_": (1, 2), "ngettext": (1, 2), "C_": ((1, "c"), 2)}


def extract() -> Catalog:
    template = Catalog(project="secdesk", charset="utf-8")
    for filename, lineno, message, _comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        template.add(message, None, [(filename, lineno)], context=context)
    for filename, lineno, message in in_f_strings():
        if message not in template:
            template.add(message, None, [(filename, lineno)])
    return template


def in_f_strings() -> list[tuple[str, int, str | tuple[str, str]]]:
    """``_("...")`` calls inside f-strings (``f"{x} {_('(prov.)')}"``), which babel's
    extractor does not read."""
    found: list[tuple[str, int, str | tuple[str, str]]] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for joined in ast.walk(tree):
            if not isinstance(joined, ast.JoinedStr):
                continue
            for node in ast.walk(joined):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                plural = KEYWORDS.get(node.func.id, 0)
                if node.func.id == "C_":  # a context: not inside f-strings
                    continue
                texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
                if plural == 0 or not texts or not all(isinstance(t, str) for t in texts):
                    continue
                message = (texts[0], texts[1]) if plural and len(texts) > 1 else texts[0]
                found.append((str(path.relative_to(PACKAGE)), node.lineno, message))
    return found


def load() -> Catalog:
    if PO.exists():
        with PO.open("rb") as handle:
            return read_po(handle, locale="zh_CN")
    return Catalog(locale="zh_CN", project="secdesk", charset="utf-8")


def missing(template: Catalog, catalog: Catalog) -> list[str]:
    out = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        if (
            found is None
            or not found.string
            or (isinstance(found.string, tuple) and not all(found.string))
            # A fuzzy entry is left out of the compiled catalog: it is not translated.
            or found.fuzzy
        ):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def compile_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    template = extract()
    catalog = load()
    if args.check:
        gaps = missing(template, catalog)
        for gap in gaps:
            print(f"missing zh_CN translation: {gap!r}")
        return 1 if gaps else 0
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=False)
    MO.write_bytes(compile_mo(catalog))
    gaps = missing(template, catalog)
    print(f"{len(template)} strings, {len(gaps)} without translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
