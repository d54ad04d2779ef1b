"""The named time limits the desk counts by, as data with their legal source.

Wing: calendar. Must not import services, office, models, the database or the UI.

Each rule is a span (``15d`` calendar days, ``5wd`` working days) counted by
``services.deadlines``; an office whose local rules differ sets them in config.toml::

    [rules]
    petition_decide = "10d"
    petition_complete = { spec = "30d", source = "某省信访条例 第二十条" }

A rule that is set badly (not a span) is ignored with a warning the desk can show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from secdesk.config import Settings
from secdesk.i18n import N_, _

if TYPE_CHECKING:
    from secdesk.calendar.deadlines import Due


@dataclass(frozen=True)
class Rule:
    """A named time limit."""

    name: str
    spec: str
    """``15d`` (calendar days, moved off a non-working last day) or ``5wd``."""
    meaning: str
    """English msgid: what must be done within it."""
    source: str
    """Where it comes from (a regulation and its article), as the office cites it."""

    def due(self, start: date) -> Due:
        """The limit counted from ``start`` (the start day not counted)."""
        from secdesk.calendar.deadlines import span_after

        due = span_after(self.spec, start)
        assert due is not None  # specs are checked when the rules are read
        return due

    @property
    def days(self) -> int:
        """The span's number (15 for ``15d``)."""
        return int("".join(ch for ch in self.spec if ch.isdigit()))


REGULATION = "信访工作条例 (2022)"
RULES: tuple[Rule, ...] = (
    Rule(
        "petition_decide",
        "15d",
        N_("Decide whether to accept a letter or visit and tell the petitioner"),
        f"{REGULATION} 第二十二条、第二十三条",
    ),
    Rule(
        "petition_objection",
        "5wd",
        N_("Object to a letter or visit wrongly assigned to the office"),
        f"{REGULATION} 第二十三条",
    ),
    Rule(
        "petition_complete",
        "60d",
        N_("Complete an accepted letter or visit"),
        f"{REGULATION} 第三十四条",
    ),
    Rule(
        "petition_extension",
        "30d",
        N_("The one extension of a letter or visit, at most"),
        f"{REGULATION} 第三十四条",
    ),
    Rule(
        "petition_review_request",
        "30d",
        N_("Ask for a review (复查) or re-review (复核) after the answer"),
        f"{REGULATION} 第三十五条、第三十六条",
    ),
    Rule(
        "petition_review_answer",
        "30d",
        N_("Answer a review or re-review"),
        f"{REGULATION} 第三十五条、第三十六条",
    ),
    Rule(
        "supervision_due_soon",
        "3wd",
        N_("A supervision item this close to its due date turns blue"),
        "督查督办工作惯例 (config.toml: due_soon_days)",
    ),
)


_settings = Settings()
"""The settings the rules are read with (the desk and the command line set them)."""


def use_settings(settings: Settings) -> None:
    """Count by these settings' rules from now on."""
    global _settings
    _settings = settings


def rules(settings: Settings | None = None) -> dict[str, Rule]:
    """Every rule, with the office's config.toml overrides applied."""
    out = {rule.name: rule for rule in RULES}
    settings = settings or _settings
    if settings.due_soon_days != 3:
        out["supervision_due_soon"] = replace(
            out["supervision_due_soon"], spec=f"{settings.due_soon_days}wd"
        )
    if not settings.rules:
        return out
    from secdesk.calendar.deadlines import span_after

    for name, value in settings.rules.items():
        rule = out.get(name)
        if rule is None:
            continue
        spec, source = _override(value)
        if spec and span_after(spec, date(2026, 1, 1)) is not None:
            rule = replace(rule, spec=spec.strip())
        if source:
            rule = replace(rule, source=source)
        out[name] = rule
    return out


def _override(value: Any) -> tuple[str, str]:
    if isinstance(value, str):
        return value, ""
    if isinstance(value, dict):
        return str(value.get("spec", "")), str(value.get("source", ""))
    return "", ""


def problems(settings: Settings) -> list[str]:
    """What is wrong in config.toml's ``[rules]`` (unknown names, unreadable spans)."""
    if not settings.rules:
        return []  # the usual case, and the desk's start-up path: nothing to import
    from secdesk.calendar.deadlines import span_after

    known = {rule.name for rule in RULES}
    out = []
    for name, value in (settings.rules or {}).items():
        if name not in known:
            out.append(
                _("config.toml [rules]: there is no rule called {name} (known: {known})").format(
                    name=name, known=", ".join(sorted(known))
                )
            )
            continue
        spec, _source = _override(value)
        if spec and span_after(spec, date(2026, 1, 1)) is None:
            out.append(
                _("config.toml [rules]: {name} = {spec} is not a span such as 15d or 5wd").format(
                    name=name, spec=spec
                )
            )
    return out


def rule(name: str, settings: Settings | None = None) -> Rule:
    return rules(settings)[name]
