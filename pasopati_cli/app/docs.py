"""`docs` and `schema`: the guideline as a handbook, and the JSON Schema of every file kind, as files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pasopati_cli.files import check_target, write_file
from pasopati_cli.problems import Lang, PasopatiError, Problem

if TYPE_CHECKING:
    from pasopati_cli.model import UnitProfile
    from pasopati_cli.response import Guide
    from pasopati_cli.schema import GuidelineIds

SUFFIXES = {"md": ".md", "markdown": ".md", "html": ".html"}
EXAMPLE_UNIT = Path("examples") / "unit.yaml"


def handbook(
    *,
    guideline_root: Path,
    output: Path,
    output_format: str,
    unit: Path | None,
    lang: Lang,
    today: date,
    force: bool = False,
) -> tuple[list[Path], list[Problem]]:
    """One page per crisis type written under `output`: (the files written, the guideline's warnings).
    An existing page is replaced only with `force`; every target is checked before the first is written."""
    from pasopati_cli.handbook import build_handbook, check_guide, link_html_pages, page_title
    from pasopati_cli.render import to_format
    from pasopati_cli.response import load_guide

    guide = load_guide(guideline_root)
    warnings = check_guide(guide, today)
    try:
        pages = build_handbook(guide, handbook_unit(unit, guideline_root, guide), lang)
    except PasopatiError as error:  # the warnings found before still count
        raise PasopatiError(warnings + error.problems, error.hint) from None
    suffix = SUFFIXES[output_format]
    documents: dict[Path, str] = {}
    for stem, markdown in pages.items():
        document = markdown
        if suffix == ".html":
            html = to_format(markdown, "html", page_title(guide, stem, lang), lang)
            document = link_html_pages(html, pages)
        documents[output / f"{stem}{suffix}"] = document
    try:
        write_all(documents, force=force)
    except PasopatiError as error:  # as above: a refused page does not hide the guideline's warnings
        raise PasopatiError(warnings + error.problems, error.hint) from None
    return list(documents), warnings


def write_all(documents: dict[Path, str], *, force: bool) -> None:
    """Every target checked first (so a refused one leaves no half-written set), then each written."""
    found = []
    for target in documents:
        try:
            check_target(target, force=force)
        except PasopatiError as error:
            found += error.problems
    if found:
        raise PasopatiError(found)
    for target, document in documents.items():
        write_file(target, document, force=force)


def handbook_unit(path: Path | None, root: Path, guide: Guide) -> UnitProfile:
    """--unit; else examples/unit.yaml in or next to the guideline folder; else the built-in sample unit."""
    from pasopati_cli.response import load_unit, sample_unit

    if path is None:
        path = next((c for c in (root / EXAMPLE_UNIT, root.parent / EXAMPLE_UNIT) if c.is_file()), None)
    if path is None:
        return sample_unit(guide.guideline)
    return load_unit(path, guide.guideline)


def write_schemas(*, output: Path, force: bool = False, guideline: Path | None = None) -> list[Path]:
    """NAME.schema.json for every file kind under `output`; an existing one is replaced only with `force`.
    With `guideline`, the schemas offer that guideline's ids (levels, roles, kinds, questions) as enums."""
    from pasopati_cli.schema import dump, schemas

    ids = None if guideline is None else guideline_ids(guideline)
    documents = {output / f"{kind}.schema.json": dump(document) for kind, document in schemas(ids).items()}
    write_all(documents, force=force)
    return list(documents)


def guideline_ids(root: Path) -> GuidelineIds:
    """The ids a guideline folder defines; a guideline whose files do not load is refused with their problems
    (enums from half a guideline would flag the ids of the files that failed)."""
    from pasopati_cli.loader import load_bundle
    from pasopati_cli.problems import Severity
    from pasopati_cli.schema import GuidelineIds

    bundle, problems = load_bundle(root)
    errors = [found for found in problems if found.severity is Severity.ERROR]
    if errors or bundle.guideline is None:
        raise PasopatiError(errors or problems)
    return GuidelineIds.of(bundle.guideline, bundle.crisis_types.values())
