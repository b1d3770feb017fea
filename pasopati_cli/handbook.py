"""The guideline as a readable handbook: one Markdown page per crisis type plus an index. Pure: no I/O.

Everything on the pages comes from the loaded playbooks, and every example statement is rendered by the
same code that renders a real one, so the handbook the Kalapas reviews cannot drift from what the tool
does. A template that fails to render is a problem of the guideline, reported with its location.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from pasopati_cli import clock
from pasopati_cli.checks import check_bundle
from pasopati_cli.messages import channel
from pasopati_cli.model import (
    ChoiceQuestion,
    Condition,
    CrisisType,
    Guideline,
    Naming,
    NumberQuestion,
    Text,
    UnitProfile,
    YesNoQuestion,
)
from pasopati_cli.problems import Lang, PasopatiError, Problem, Severity
from pasopati_cli.response import Guide, example_level, example_start, render_example, template_for

INDEX = "index"

_LABELS: dict[str, tuple[str, str]] = {
    "handbook": ("Buku Pedoman: {name}", "Handbook: {name}"),
    "generated": (
        "Dibuat dari playbook oleh `pasopati docs`. Jangan menyunting halaman ini: ubah playbook, lalu buat ulang.",
        "Generated from the playbooks by `pasopati docs`. Do not edit this page: change the playbooks and "
        "generate it again.",
    ),
    "version": ("Versi", "Version"),
    "owner": ("Pemilik", "Owner"),
    "review_by": ("Tinjau ulang paling lambat", "Review by"),
    "levels": ("Tingkat krisis", "Crisis levels"),
    "levels_note": (
        "Dari yang paling ringan ke yang paling berat. Bila ragu, pilih tingkat yang lebih tinggi.",
        "From the mildest to the most severe. When unsure, take the higher level.",
    ),
    "roles": ("Daftar peran", "Roles"),
    "roles_note": (
        "Tenggat dihitung sejak kejadian mulai. Peran inti diberi tahu pada setiap kejadian; peran mitra hanya "
        "bila jenis kejadian memanggilnya, dan tenggat di sini adalah bawaannya.",
        "Deadlines count from the start of the incident. Core roles are told in every incident; partners only "
        "when a crisis type calls them in, and the deadlines here are their defaults.",
    ),
    "role": ("Peran", "Role"),
    "scope": ("Cakupan", "Scope"),
    "core": ("inti", "core"),
    "partner": ("mitra", "partner"),
    "channels": ("Saluran", "Channels"),
    "kinds": ("Jenis pernyataan", "Statement kinds"),
    "first_statement": ("pernyataan pertama pada setiap tingkat", "the first statement at every level"),
    "disclosure": ("Aturan keterbukaan informasi", "Disclosure rules"),
    "disclosure_note": (
        "Diperiksa pada setiap pernyataan sebelum dirilis.",
        "Checked on every statement before it is released.",
    ),
    "rule": ("Aturan", "Rule"),
    "message": ("Pesan", "Message"),
    "law": ("Dasar hukum", "Legal basis"),
    "warning": ("peringatan", "warning"),
    "naming": ("Inisial menurut peran", "Initials by role"),
    "naming_note": (
        "Nama lengkap tidak pernah dimuat bagi yang belum diputus bersalah; inisial hanya bila peran orang itu "
        "mengizinkannya pada tahap yang sudah dicapai. Dasar: {law}.",
        "A full name is never printed for anyone not convicted; initials only where the person's role allows "
        "them at the stage reached. Grounds: {law}.",
    ),
    "initials_when": ("Inisial boleh dimuat", "Initials may be printed"),
    "initials_never": ("tidak pernah", "never"),
    "initials_always": ("selalu", "always"),
    "initials_from": ("setelah {stage} (`{id}`)", "once {stage} (`{id}`)"),
    "release_requires": ("Syarat sebelum rilis", "Before release"),
    "approvers": ("Persetujuan pernyataan", "Statement approval"),
    "approved_by": ("{level}: disetujui oleh {role}", "{level}: approved by {role}"),
    "types": ("Jenis kejadian", "Crisis types"),
    "phase_crisis": ("Fase krisis", "Crisis phase"),
    "phase_pre-crisis": ("Fase pra-krisis", "Pre-crisis phase"),
    "back": ("← Daftar isi", "← Contents"),
    "phase": ("Fase", "Phase"),
    "crisis": ("krisis", "crisis"),
    "pre-crisis": ("pra-krisis", "pre-crisis"),
    "base_level": ("Tingkat dasar", "Base level"),
    "keywords": ("Kata kunci", "Keywords"),
    "triage": ("Pertanyaan triase", "Triage questions"),
    "triage_note": (
        "Ditanyakan berurutan. Tingkat = yang tertinggi dari tingkat dasar dan setiap tingkat yang dinaikkan "
        "jawaban; setiap kenaikan membawa alasannya.",
        "Asked in this order. The level is the highest of the base level and every level an answer raises; "
        "every raise carries its reason.",
    ),
    "no_questions": ("Tidak ada pertanyaan: tingkat selalu tingkat dasar.", "No questions: the level is the base."),
    "yes_no": ("ya/tidak", "yes/no"),
    "choice": ("pilihan", "choice"),
    "number": ("angka", "number"),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "Yes": ("Ya", "Yes"),
    "default": ("bawaan", "default"),
    "asked_when": ("ditanyakan bila: {condition}", "asked when: {condition}"),
    "and": (" dan ", " and "),
    "one_of": ("{question} salah satu dari: {values}", "{question} is one of: {values}"),
    "notify": ("Siapa diberi tahu", "Who is notified"),
    "notify_note": (
        "Tenggat sejak kejadian mulai, per tingkat; — berarti tidak diberi tahu pada tingkat itu.",
        "Deadline after the incident starts, per level; — means not told at that level.",
    ),
    "when": ("Bila", "When"),
    "task": ("Tugas", "Task"),
    "always": ("setiap kejadian", "every incident"),
    "from_level": ("mulai {level}", "from {level}"),
    "checklist": ("Daftar tindakan", "Action checklist"),
    "deadline": ("Tenggat", "Deadline"),
    "action": ("Tindakan", "Action"),
    "owner_role": ("Penanggung jawab", "Owner"),
    "key_messages": ("Pesan kunci", "Key messages"),
    "question": ("Pertanyaan", "Question"),
    "do": ("Lakukan", "Do"),
    "dont": ("Jangan", "Don't"),
    "statements": ("Pernyataan", "Statements"),
    "statements_note": (
        "Setiap contoh dirender dari templatnya dengan nilai `example` di front matter, profil satuan kerja "
        "{unit}, dan kejadian contoh yang mulai {start}.",
        "Every example is rendered from its template with the `example` values of its front matter, the unit "
        "profile of {unit}, and an example incident starting {start}.",
    ),
    "applies_at": ("Berlaku pada", "Applies at"),
    "no_deadline": ("tanpa tenggat", "no deadline"),
    "templates": ("Templat", "Templates"),
    "example": ("Contoh pada tingkat {level}:", "Example at level {level}:"),
    "example_fallback": (
        "Contoh pada tingkat {level} (belum ada templat bahasa Inggris; contoh dalam bahasa Indonesia):",
        "Example at level {level} (there is no English template; the example is in Indonesian):",
    ),
    "sources": ("Sumber", "Sources"),
}


def _t(key: str, lang: Lang, **values: object) -> str:
    id_text, en_text = _LABELS[key]
    return (en_text if lang == "en" else id_text).format(**values)


def page_stem(type_id: str) -> str:
    """The file stem of a crisis type's page ('index' is taken by the index page)."""
    return f"{type_id}-type" if type_id == INDEX else type_id


def ordered_types(types: Mapping[str, CrisisType]) -> list[CrisisType]:
    """Crisis phase first, then pre-crisis; by id within a phase."""
    return sorted(types.values(), key=lambda crisis: (crisis.phase != "crisis", crisis.id))


def check_guide(guide: Guide, today: date) -> list[Problem]:
    """The meaning checks of the whole guideline; errors refuse it, warnings are returned."""
    found = check_bundle(guide.bundle, today)
    errors = [p for p in found if p.severity is Severity.ERROR]
    if errors:
        raise PasopatiError(errors)
    return found


def build_handbook(guide: Guide, unit: UnitProfile, lang: Lang) -> dict[str, str]:
    """File stem -> Markdown: the index and one page per crisis type. Every render problem is raised at once."""
    problems: list[Problem] = []
    pages = {INDEX: _index(guide.guideline, ordered_types(guide.types), lang)}
    for crisis in ordered_types(guide.types):
        pages[page_stem(crisis.id)] = _type_page(guide, crisis, unit, lang, problems)
    if problems:
        raise PasopatiError(list(dict.fromkeys(problems)))
    return pages


def page_title(guide: Guide, stem: str, lang: Lang) -> str:
    """The title of a page, for the HTML <title>."""
    for crisis in guide.types.values():
        if page_stem(crisis.id) == stem:
            return crisis.title.get(lang)
    return _t("handbook", lang, name=guide.guideline.name.get(lang))


def link_html_pages(document: str, stems: Iterable[str]) -> str:
    """Links between pages point at the .html files."""
    names = "|".join(re.escape(stem) for stem in stems)
    return re.sub(rf'href="({names})\.md(#[^"]*)?"', r'href="\1.html\2"', document)


# --- small pieces -------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Text that fits in one table cell."""
    return " ".join(text.split()).replace("|", "\\|") or "—"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _facts(pairs: list[tuple[str, str]]) -> list[str]:
    return [*(f"- **{label}:** {value}" for label, value in pairs), ""]


def _delay(value: timedelta | None, lang: Lang) -> str:
    return "—" if value is None else clock.format_delay(value, lang)


def _day(value: date, lang: Lang) -> str:
    return f"{value.day} {clock.MONTHS[lang][value.month - 1]} {value.year}"


def _level(guideline: Guideline, level_id: str, lang: Lang) -> str:
    return guideline.level(level_id).title.get(lang)


def _role(guideline: Guideline, role_id: str, lang: Lang) -> str:
    return guideline.role(role_id).title.get(lang)


def _value(crisis: CrisisType, question_id: str, value: object, lang: Lang) -> str:
    if isinstance(value, bool):
        return _t("yes" if value else "no", lang)
    question = next((q for q in crisis.triage.questions if q.id == question_id), None)
    if isinstance(question, ChoiceQuestion):
        option = next((o for o in question.options if o.id == value), None)
        if option is not None:
            return option.label.get(lang)
    return str(value)


def _condition(crisis: CrisisType, condition: Condition, lang: Lang) -> str:
    name = condition.question
    if condition.in_ is not None:
        values = ", ".join(_value(crisis, name, v, lang) for v in condition.in_)
        return _t("one_of", lang, question=name, values=values)
    if condition.at_least is not None:
        return f"{name} ≥ {condition.at_least}"
    if condition.at_most is not None:
        return f"{name} ≤ {condition.at_most}"
    return f"{name} = {_value(crisis, name, condition.equals, lang)}"


def conditions_text(crisis: CrisisType, conditions: list[Condition], lang: Lang) -> str:
    """`when` conditions in words: 'ada_luka = ya dan skala = Satu blok'."""
    return _t("and", lang).join(_condition(crisis, c, lang) for c in conditions)


def _applies(guideline: Guideline, crisis: CrisisType, min_level: str | None, when: list[Condition], lang: Lang) -> str:
    parts = [_t("from_level", lang, level=_level(guideline, min_level, lang))] if min_level else []
    if when:
        parts.append(conditions_text(crisis, when, lang))
    return "; ".join(parts) or _t("always", lang)


def _generated(lang: Lang) -> list[str]:
    return [f"*{_t('generated', lang)}*", ""]


# --- the index ----------------------------------------------------------------------------------------


def _index(guideline: Guideline, types: list[CrisisType], lang: Lang) -> str:
    lines = [f"# {_t('handbook', lang, name=guideline.name.get(lang))}", "", *_generated(lang)]
    lines += _facts(
        [
            (_t("version", lang), guideline.version),
            (_t("owner", lang), guideline.owner),
            (_t("review_by", lang), _day(guideline.review_by, lang)),
        ]
    )
    lines += [f"## {_t('types', lang)}", ""]
    for phase in ("crisis", "pre-crisis"):
        listed = [crisis for crisis in types if crisis.phase == phase]
        if listed:
            lines += [f"### {_t('phase_' + phase, lang)}", ""]
            lines += [f"- [{c.title.get(lang)}]({page_stem(c.id)}.md): {c.summary.get(lang)}" for c in listed]
            lines.append("")
    lines += [f"## {_t('levels', lang)}", "", _t("levels_note", lang), ""]
    for number, level in enumerate(guideline.levels, 1):
        lines += [f"### {number}. {level.title.get(lang)}", "", level.criteria.get(lang), ""]
    lines += [f"## {_t('roles', lang)}", "", _t("roles_note", lang), ""]
    header = [_t("role", lang), _t("scope", lang), *(lv.title.get(lang) for lv in guideline.levels)]
    rows = [
        [
            f"{role.title.get(lang)} (`{role.id}`)",
            _t(role.scope, lang),
            *(_delay(role.notify.get(lv.id), lang) for lv in guideline.levels),
            ", ".join(channel(name, lang) for name in role.channels),
        ]
        for role in guideline.roles
    ]
    lines += _table([*header, _t("channels", lang)], rows)
    lines += [f"## {_t('kinds', lang)}", ""]
    for kind in guideline.statement_kinds:
        first = f" *({_t('first_statement', lang)})*" if kind.id == guideline.first_statement else ""
        lines.append(f"- **{kind.title.get(lang)}** (`{kind.id}`){first}: {kind.purpose.get(lang)}")
    lines.append("")
    lines += _disclosure(guideline, lang)
    return "\n".join(lines).rstrip() + "\n"


def _disclosure(guideline: Guideline, lang: Lang) -> list[str]:
    disclosure = guideline.disclosure
    if not (disclosure.rules or disclosure.release_requires or disclosure.approvers):
        return []
    lines = [f"## {_t('disclosure', lang)}", "", _t("disclosure_note", lang), ""]
    if disclosure.rules:
        rows = [
            [
                f"`{rule.id}`" + (f" ({_t('warning', lang)})" if rule.severity == "warning" else ""),
                rule.message.get(lang),
                rule.law.get(lang),
            ]
            for rule in disclosure.rules
        ]
        lines += _table([_t("rule", lang), _t("message", lang), _t("law", lang)], rows)
    if disclosure.naming is not None:
        lines += _naming(disclosure.naming, lang)
    if disclosure.release_requires:
        lines += [f"### {_t('release_requires', lang)}", ""]
        lines += [f"- {requirement.message.get(lang)}" for requirement in disclosure.release_requires]
        lines.append("")
    if disclosure.approvers:
        lines += [f"### {_t('approvers', lang)}", ""]
        for level in guideline.levels:
            if level.id in disclosure.approvers:
                role = _role(guideline, disclosure.approvers[level.id], lang)
                lines.append(f"- {_t('approved_by', lang, level=level.title.get(lang), role=role)}")
        lines.append("")
    return lines


def _naming(naming: Naming, lang: Lang) -> list[str]:
    """Whose initials may appear from when: one row per role."""

    def when(value: str) -> str:
        stage = naming.stage(value)
        if stage is not None:
            return _t("initials_from", lang, stage=stage.title.get(lang), id=stage.id)
        return _t("initials_always" if value == "always" else "initials_never", lang)

    lines = [f"### {_t('naming', lang)}", "", _t("naming_note", lang, law=naming.law.get(lang)), ""]
    rows = [[f"{role.title.get(lang)} (`{role.id}`)", when(role.initials)] for role in naming.roles]
    return lines + _table([_t("role", lang), _t("initials_when", lang)], rows)


# --- a crisis type ------------------------------------------------------------------------------------


def _type_page(guide: Guide, crisis: CrisisType, unit: UnitProfile, lang: Lang, problems: list[Problem]) -> str:
    guideline = guide.guideline
    lines = [f"# {crisis.title.get(lang)}", "", f"[{_t('back', lang)}]({INDEX}.md)", "", *_generated(lang)]
    lines += [crisis.summary.get(lang), ""]
    facts = [
        (_t("phase", lang), _t(crisis.phase, lang)),
        (_t("base_level", lang), _level(guideline, crisis.base_level, lang)),
    ]
    if crisis.keywords:
        facts.append((_t("keywords", lang), ", ".join(crisis.keywords)))
    lines += _facts(facts)
    lines += _questions(guideline, crisis, lang)
    lines += _notified(guideline, crisis, lang)
    lines += _checklist(guideline, crisis, lang)
    lines += _statements(guide, crisis, unit, lang, problems)
    lines += _key_messages(crisis, lang)
    for key, items in (("do", crisis.do), ("dont", crisis.dont)):
        if items:
            lines += [f"## {_t(key, lang)}", "", *(f"- {item.get(lang)}" for item in items), ""]
    if crisis.sources:
        lines += [f"## {_t('sources', lang)}", "", *(f"- {source}" for source in crisis.sources), ""]
    return "\n".join(lines).rstrip() + "\n"


def _questions(guideline: Guideline, crisis: CrisisType, lang: Lang) -> list[str]:
    lines = [f"## {_t('triage', lang)}", ""]
    if not crisis.triage.questions:
        return [*lines, _t("no_questions", lang), ""]
    lines += [_t("triage_note", lang), ""]
    for number, question in enumerate(crisis.triage.questions, 1):
        marker = f"{number}."
        indent = " " * (len(marker) + 1)
        lines.append(f"{marker} **{question.text.get(lang)}** (`{question.id}`, {_question_kind(question, lang)})")
        details = [f"*{question.help.get(lang)}*"] if question.help else []
        if question.when:
            details.append(_t("asked_when", lang, condition=conditions_text(crisis, question.when, lang)))
        details += _answers(guideline, question, lang)
        lines += [f"{indent}- {detail}" for detail in details]
    return [*lines, ""]


def _question_kind(question: YesNoQuestion | ChoiceQuestion | NumberQuestion, lang: Lang) -> str:
    if isinstance(question, NumberQuestion):
        top = f"–{question.max}" if question.max is not None else "+"
        return f"{_t('number', lang)} {question.min}{top}"
    return _t(question.type, lang)


def _raise(guideline: Guideline, level: str, reason: Text, lang: Lang) -> str:
    return f"{_level(guideline, level, lang)}: {reason.get(lang)}"


def _answers(guideline: Guideline, question: YesNoQuestion | ChoiceQuestion | NumberQuestion, lang: Lang) -> list[str]:
    """Each answer that matters: the level it raises to and why ('Ya → Siaga: ada korban luka')."""
    default = f" ({_t('default', lang)})"
    if isinstance(question, YesNoQuestion):
        floor = question.raises_to
        return [f"{_t('Yes', lang)} → {_raise(guideline, floor.level, floor.reason, lang)}"] if floor else []
    if isinstance(question, ChoiceQuestion):
        lines = []
        for option in question.options:
            text = option.label.get(lang) + (default if option.id == question.default else "")
            if option.raises_to is not None:
                text += f" → {_raise(guideline, option.raises_to.level, option.raises_to.reason, lang)}"
            lines.append(text)
        return lines
    return [
        f"≥ {t.at_least} → {_raise(guideline, t.raises_to.level, t.raises_to.reason, lang)}"
        for t in question.thresholds
    ]


def _notified(guideline: Guideline, crisis: CrisisType, lang: Lang) -> list[str]:
    levels = guideline.levels
    order = [level.id for level in levels]
    rows = [
        [role.title.get(lang), *(_delay(role.notify.get(lv), lang) for lv in order), _t("always", lang), "—"]
        for role in guideline.roles
        if role.scope == "core" and role.notify
    ]
    for activation in crisis.roles:
        role = guideline.role(activation.role)
        start = order.index(activation.min_level) if activation.min_level else 0
        cells = [
            _delay(activation.deadline if activation.deadline is not None else role.notify.get(lv), lang)
            if index >= start
            else "—"
            for index, lv in enumerate(order)
        ]
        when = _applies(guideline, crisis, activation.min_level, activation.when, lang)
        task = activation.task.get(lang) if activation.task else "—"
        rows.append([role.title.get(lang), *cells, when, task])
    header = [_t("role", lang), *(lv.title.get(lang) for lv in levels), _t("when", lang), _t("task", lang)]
    return [f"## {_t('notify', lang)}", "", _t("notify_note", lang), "", *_table(header, rows)]


def _checklist(guideline: Guideline, crisis: CrisisType, lang: Lang) -> list[str]:
    if not crisis.actions:
        return []
    rows = [
        [
            _delay(action.due, lang),
            action.text.get(lang),
            _role(guideline, action.owner, lang),
            _applies(guideline, crisis, action.min_level, action.when, lang),
        ]
        for action in sorted(crisis.actions, key=lambda action: action.due)
    ]
    header = [_t("deadline", lang), _t("action", lang), _t("owner_role", lang), _t("when", lang)]
    return [f"## {_t('checklist', lang)}", "", *_table(header, rows)]


def _key_messages(crisis: CrisisType, lang: Lang) -> list[str]:
    if not crisis.key_messages:
        return []
    lines = [f"## {_t('key_messages', lang)}", ""]
    for message_map in crisis.key_messages:
        lines += [f"### {message_map.audience.get(lang)}", ""]
        lines += [f"*{_t('question', lang)}: {message_map.question.get(lang)}*", ""]
        for number, message in enumerate(message_map.messages, 1):
            marker = f"{number}."
            lines.append(f"{marker} {message.text.get(lang)}")
            lines += [f"{' ' * (len(marker) + 1)}- {fact.get(lang)}" for fact in message.facts]
        lines.append("")
    return lines


# --- statements and their example renderings ----------------------------------------------------------


def _statements(guide: Guide, crisis: CrisisType, unit: UnitProfile, lang: Lang, problems: list[Problem]) -> list[str]:
    guideline = guide.guideline
    start = example_start(unit)
    note = _t("statements_note", lang, unit=unit.unit.name, start=clock.format_datetime(start, lang))
    lines = [f"## {_t('statements', lang)}", "", note, ""]
    for use in crisis.statements:
        kind = guideline.statement_kind(use.kind)
        lines += [f"### {kind.title.get(lang)} (`{use.kind}`)", "", kind.purpose.get(lang), ""]
        order = [level.id for level in guideline.levels]
        levels = sorted(use.levels, key=order.index)
        due = ", ".join(
            f"{_level(guideline, lv, lang)} ({_delay(use.due[lv], lang) if lv in use.due else _t('no_deadline', lang)})"
            for lv in levels
        )
        templates = ", ".join(f"`{name}`" for name in dict.fromkeys(use.template.values()))
        lines += [f"- {_t('applies_at', lang)}: {due}", f"- {_t('templates', lang)}: {templates}", ""]
        level = example_level(crisis, levels, order)
        try:
            text = render_example(guide, crisis, template_for(guide, use, lang, fallback=True), unit, level, lang)
        except PasopatiError as error:
            problems.extend(error.problems)
            continue
        label = "example" if lang == "id" or "en" in use.template else "example_fallback"
        lines += [_t(label, lang, level=_level(guideline, level, lang)), ""]
        lines += [f"> {line}".rstrip() for line in text.rstrip("\n").split("\n")]
        lines.append("")
    return lines
