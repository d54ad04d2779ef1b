"""The README's Quick start is exactly what CI runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "secdesk" in commands[0].split("&&")[-1]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    """Users remap keys by binding id in config.toml; F1 explains each with its tooltip."""
    import ast

    missing = []
    for path in (ROOT / "secdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding":
                keywords = {k.arg for k in node.keywords}
                if not {"id", "tooltip"} <= keywords:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missing == []
