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


def _commands(parser, path: tuple[str, ...] = ()):  # noqa: ANN001, ANN202
    """(command path, its long options) of every command the parser has, sub-commands
    down to the leaves."""
    import argparse

    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        options = {
            flag
            for action in parser._actions
            for flag in action.option_strings
            if flag.startswith("--") and flag != "--help"
        }
        yield path, options
        return
    for name, child in groups[0].choices.items():
        yield from _commands(child, (*path, name))


def test_the_readme_lists_every_command_with_its_options() -> None:
    """The Command line section of the README names each command the parser has (and no
    other), and each command's lines name all its options."""
    from secdesk.cli import build_parser

    commands = dict(_commands(build_parser()))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Command line", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    described: dict[tuple[str, ...], str] = {}
    unknown: list[str] = []
    current: tuple[str, ...] = ()
    for line in block.splitlines():
        text = line.split("#", 1)[0]
        if line.startswith("secdesk"):
            words = text.split()[1:]
            found = [tuple(words[:n]) for n in (2, 1) if tuple(words[:n]) in commands]
            current = found[0] if found else ()
            if not found and words and not words[0].startswith("-"):
                unknown.append(line)
        described[current] = described.get(current, "") + " " + text
    missing = [" ".join(path) for path in commands if path not in described]
    assert missing == [], "commands the README does not list"
    assert unknown == [], "README lines naming no command"
    for path, options in commands.items():
        absent = sorted(flag for flag in options if flag not in described[path])
        assert absent == [], f"secdesk {' '.join(path)}: options the README does not name"
