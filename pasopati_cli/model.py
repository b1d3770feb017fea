"""Pydantic models of the guideline files. Data only: no I/O, no printing.

Every model forbids unknown keys, so a typo in a playbook is an error, not a silently ignored line.
Cross-file references (levels, roles, statement kinds, templates) are plain ids here; checks.py
resolves them, because a model sees one file at a time.
"""

# No `from __future__ import annotations` here: pydantic would evaluate every annotation string again
# when each class is created, about a third of this module's import time.
import re
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    Tag,
    WithJsonSchema,
    field_validator,
    model_serializer,
    model_validator,
)

from pasopati_cli.problems import Lang

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64)]
VarName = Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$", max_length=64)]

_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$")


class Invalid(ValueError):
    """A value that breaks a rule of the model, said in both languages (str() is the English, as pydantic
    shows it; the loader reports `id` in Indonesian mode)."""

    def __init__(self, id_text: str, en_text: str) -> None:
        super().__init__(en_text)
        self.id = id_text
        self.en = en_text


def parse_duration(value: object) -> timedelta:
    """'90m', '2h', '1h30m', '1d', '0m' (immediately) -> timedelta."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Invalid("durasi ditulis sebagai teks seperti '15m', '2h' atau '1d'",
                      "a duration is text such as '15m', '2h' or '1d'")  # fmt: skip
    if isinstance(value, int):
        raise Invalid(f"durasi perlu satuan: tulis '{value}m' (menit) atau '{value}h' (jam)",
                      f"a duration needs a unit: write '{value}m' or '{value}h'")  # fmt: skip
    match = _DURATION.match(value)
    if not value.strip() or not match or not any(match.groups()):
        raise Invalid(f"'{value}' bukan durasi seperti '15m', '2h', '1h30m' atau '1d' (m menit, h jam, d hari)",
                      f"'{value}' is not a duration such as '15m', '2h', '1h30m' or '1d'")  # fmt: skip
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes)


def format_duration(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    text = (f"{days}d" if days else "") + (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text or "0m"


Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            # _DURATION with at least one part (the empty text is refused), in ECMA-262 syntax
            "pattern": r"^\s*(?:\d+\s*d(?:\s*\d+\s*h)?(?:\s*\d+\s*m(?:in)?)?"
            r"|\d+\s*h(?:\s*\d+\s*m(?:in)?)?|\d+\s*m(?:in)?)\s*$",
            "description": "Waktu sejak insiden dimulai: '0m' (segera), '15m', '2h', '1h30m', '1d'. / "
            "Time after the incident starts: '0m' (at once), '15m', '2h', '1h30m', '1d'.",
            "examples": ["15m", "1h", "24h"],
        }
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Text(Strict):
    """A text in Bahasa Indonesia (`id`) and English (`en`)."""

    id: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.id

    def lead(self, lang: Lang) -> str:
        """The first sentence: what a list shows where the whole paragraph would not fit on one line."""
        return _SENTENCE_END.split(self.get(lang).strip(), maxsplit=1)[0]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

# --- the guideline file ---------------------------------------------------------------------------


class Level(Strict):
    id: Id
    title: Text
    criteria: Text
    color: str = Field("yellow", description="Colour used in the terminal (a Rich colour name).")


Channel = Literal["telepon", "whatsapp", "sms", "email", "radio", "langsung", "surat", "aplikasi"]


class Role(Strict):
    id: Id
    title: Text
    scope: Literal["core", "partner"] = Field(
        description="core: told in every incident at the levels in `notify`; "
        "partner: told only when a crisis type activates it."
    )
    notify: dict[str, Duration] = Field(
        default_factory=dict,
        description="Level id -> deadline after the incident starts. A level left out: not told by default.",
    )
    channels: list[Channel] = Field(min_length=1)


class StatementKind(Strict):
    id: Id
    title: Text
    purpose: Text


class DisclosureRule(Strict):
    """A pattern that must not appear in a released statement, with the law that forbids it."""

    id: Id
    check: Literal["regex", "phrase", "person_name", "child_name", "placeholder", "headline"]
    category: (
        Literal[
            "identity_number",
            "personal_name",
            "child_identity",
            "medical",
            "security",
            "forbidden_phrase",
            "placeholder",
            "other",
            "allegation",
            "initials",
        ]
        | None
    ) = Field(
        None,
        description="What the rule protects; it picks the problem code (P601-P610). Default: from `check`.",
    )
    patterns: list[str] = Field(default_factory=list)
    unless: list[str] = Field(
        default_factory=list,
        description=(
            "Phrases that excuse a finding when they stand in its sentence (for a `headline` rule: in its "
            "headline), e.g. 'masih diselidiki' beside a cause, 'diduga' in a headline."
        ),
    )
    message: Text
    law: Text
    severity: Literal["error", "warning"] = "error"


class ReleaseRequirement(Strict):
    """Something that must already be in the journal before a statement may be released."""

    id: Id
    levels: list[str] = Field(default_factory=list, description="Applies at these levels (empty: all).")
    mentions: list[str] = Field(
        default_factory=list, description="Applies when the statement mentions any of these words."
    )
    roles_notified: list[str] = Field(default_factory=list)
    actions_done: list[str] = Field(default_factory=list)
    message: Text


INITIALS_NEVER, INITIALS_ALWAYS = "never", "always"


class NamingStage(Strict):
    """A point in an incident from which a role's initials may be printed: a yes/no fact of the incident
    (`pasopati incident fact ID ditetapkan_tersangka=ya`), or of the statement being drafted."""

    id: VarName = Field(description="The fact that says the stage is reached (yes/no); also its id.")
    title: Text = Field(description="What the stage means, e.g. 'penyidik Polri telah menetapkan tersangka'.")


class NamingRole(Strict):
    """The part a person plays in an incident, and from when their initials may appear in a statement."""

    id: Id
    title: Text
    initials: str = Field(
        INITIALS_NEVER,
        description="When this role's initials may be printed: 'never', 'always', or a stage id (from that "
        "stage on). A full name is never printed, whatever the role.",
    )
    words: list[str] = Field(
        default_factory=list,
        description="Words that name a person of this role in a statement ('warga binaan', 'victim'): initials "
        "written after them ('warga binaan berinisial RH', 'RH (32)') are judged by this role's rule.",
    )


class Naming(Strict):
    """Which roles may be named by initials at which stage of an incident."""

    stages: list[NamingStage] = Field(default_factory=list)
    roles: list[NamingRole] = Field(min_length=1)
    default_role: str = Field(description="The role of a person marked without one.")
    law: Text = Field(description="The grounds the problem cites.")

    def role(self, role_id: str) -> NamingRole | None:
        return next((role for role in self.roles if role.id == role_id), None)

    def stage(self, stage_id: str) -> NamingStage | None:
        return next((stage for stage in self.stages if stage.id == stage_id), None)


class Disclosure(Strict):
    rules: list[DisclosureRule] = Field(default_factory=list)
    naming: Naming | None = Field(
        None, description="Which roles may be named by initials at which stage; crisis types may override."
    )
    release_requires: list[ReleaseRequirement] = Field(default_factory=list)
    approvers: dict[str, str] = Field(
        default_factory=dict, description="Level id -> the role that must approve a statement at that level."
    )


class Promise(Strict):
    """A statement variable whose value is a promise: "the next update by 22.00" makes an update due then."""

    variable: VarName
    kind: str = Field(description="The statement kind promised by that time.")


class Numbering(Strict):
    """A statement variable that counts the released statements of a kind ("Pembaruan ke-2")."""

    variable: VarName
    kind: str = Field(description="The statement kind counted; the variable is one more than those released.")


LANGS: tuple[Lang, ...] = ("id", "en")
StyleCheck = Literal[
    "serial_comma",
    "headline_case",
    "range_dash",
    "abbreviation",
    "digit_opening",
    "first_person",
    "post_length",
    "number_words",
    "number_pair",
    "regex",
]


class StyleRule(Strict):
    """A house-style rule for released statements (EYD V for Indonesian), with the fix in its message."""

    id: Id
    check: StyleCheck
    category: StyleCheck | None = Field(
        None, description="Picks the problem code (P701-P710). Default: the category of `check`."
    )
    langs: list[Lang] = Field(
        default_factory=lambda: list(LANGS), description="The statement languages the rule applies to."
    )
    kinds: list[str] = Field(default_factory=list, description="Statement kinds it applies to (empty: all).")
    except_kinds: list[str] = Field(default_factory=list, description="Statement kinds it never applies to.")
    patterns: list[str] = Field(
        default_factory=list,
        description="serial_comma: the conjunctions; headline_case: the function words kept in lower case; "
        "first_person: the words; regex: regular expressions. A word in lower case also matches it "
        "capitalised; a word with capitals matches exactly.",
    )
    replace: dict[str, str] = Field(
        default_factory=dict, description="abbreviation: what is not written -> what is written instead."
    )
    limits: dict[Id, int] = Field(
        default_factory=dict, description="post_length: platform -> the most characters a post may have."
    )
    words_up_to: int | Literal["eyd"] = Field(
        10,
        description="number_words: counts up to this number are written in words; 'eyd': every number "
        "that one or two words can say.",
    )
    message: Text
    severity: Literal["error", "warning"] = "warning"


class Style(Strict):
    """House style, checked on every statement by `pasopati check` and on trial renders by `validate`."""

    rules: list[StyleRule] = Field(default_factory=list)


class Upstream(Strict):
    """The guideline a unit's own guideline was started from (`pasopati init`), for later upgrades."""

    name: str = Field(min_length=1, description="Name of the upstream guideline (Pasopati).")
    version: str = Field(min_length=1, description="Its version when this guideline was started from it.")
    hash: str = Field(
        pattern=r"^sha256:[0-9a-f]{64}$",
        description="sha256 over the upstream's playbooks and templates as copied (`sha256:` + 64 hex digits).",
    )


class Guideline(Strict):
    kind: Literal["guideline"]
    name: Text
    version: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    review_by: date
    levels: list[Level] = Field(min_length=1, description="Ordered from the mildest to the most severe.")
    roles: list[Role] = Field(min_length=1)
    statement_kinds: list[StatementKind] = Field(min_length=1)
    first_statement: str = Field("holding", description="The statement kind that every reachable level must offer.")
    disclosure: Disclosure = Field(default_factory=Disclosure)
    facts_from_roster: dict[VarName, str] = Field(
        default_factory=dict,
        description="Statement variables filled with the name of a role's holder in the unit profile "
        "(nama_kepala_unit: kalapas), so the walk does not ask for it; --set or an answers file wins.",
    )
    numbering: list[Numbering] = Field(
        default_factory=list,
        description="Variables that number a kind of statement by themselves (the update's number).",
    )
    promises: list[Promise] = Field(
        default_factory=list,
        description="Variables whose time a released statement promises (the next update): status, report "
        "and close show each promise met or missed.",
    )

    style: Style = Field(default_factory=Style)
    upstream: Upstream | None = Field(
        None, description="Where this guideline came from (written by `pasopati init`; used by upgrades)."
    )

    def level_index(self, level_id: str) -> int:
        return [level.id for level in self.levels].index(level_id)

    def level(self, level_id: str) -> Level:
        return self.levels[self.level_index(level_id)]

    def find_level(self, typed: str) -> str | None:
        """The id of the level an officer typed: its id or its title in either language, any case."""
        wanted = typed.strip().lower()
        return next(
            (level.id for level in self.levels if wanted in (level.id, level.title.id.lower(), level.title.en.lower())),
            None,
        )

    def role(self, role_id: str) -> Role:
        return next(role for role in self.roles if role.id == role_id)

    def statement_kind(self, kind_id: str) -> StatementKind:
        return next(kind for kind in self.statement_kinds if kind.id == kind_id)


# --- crisis types -----------------------------------------------------------------------------------

Scalar = bool | int | str


class Condition(Strict):
    """Holds when the earlier answer to `question` matches exactly one operator."""

    question: str
    equals: Scalar | None = None
    in_: list[str] | None = Field(None, alias="in")
    at_least: int | None = None
    at_most: int | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> "Condition":
        given = [v for v in (self.equals, self.in_, self.at_least, self.at_most) if v is not None]
        if len(given) != 1:
            raise Invalid("kondisi perlu tepat satu dari 'equals', 'in', 'at_least', 'at_most'",
                          "a condition needs exactly one of 'equals', 'in', 'at_least', 'at_most'")  # fmt: skip
        return self


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


def _single_or_list(schema: dict[str, Any]) -> None:
    """The schema of `when`: one condition, or a list of them (all must hold)."""
    if schema.get("type") == "array":
        items = schema.pop("items")
        schema.pop("type")
        schema["anyOf"] = [items, {"type": "array", "items": items}]


When = Annotated[list[Condition], BeforeValidator(_as_list), Field(json_schema_extra=_single_or_list)]


class Floor(Strict):
    """The answer lifts the level to at least `level`, for the stated reason."""

    level: str
    reason: Text


class _Question(Strict):
    id: Id
    text: Text
    help: Text | None = None
    when: When = Field(default_factory=list, description="Asked only when every condition holds.")


class YesNoQuestion(_Question):
    type: Literal["yes_no"]
    default: bool | None = None
    raises_to: Floor | None = Field(None, description="Applies when the answer is yes.")


class Option(Strict):
    id: Id
    label: Text
    raises_to: Floor | None = None


class ChoiceQuestion(_Question):
    type: Literal["choice"]
    options: list[Option] = Field(min_length=2)
    default: str | None = None


class Threshold(Strict):
    at_least: int
    raises_to: Floor


class NumberQuestion(_Question):
    type: Literal["number"]
    min: int = 0
    max: int | None = None
    default: int | None = None
    thresholds: list[Threshold] = Field(default_factory=list)

    @field_validator("thresholds")
    @classmethod
    def _ascending(cls, value: list[Threshold]) -> list[Threshold]:
        bounds = [t.at_least for t in value]
        if bounds != sorted(set(bounds)):
            raise Invalid("ambang harus naik berurutan menurut 'at_least', tanpa nilai yang sama",
                          "thresholds must rise strictly by 'at_least'")  # fmt: skip
        return value


Question = Annotated[YesNoQuestion | ChoiceQuestion | NumberQuestion, Field(discriminator="type")]


class Triage(Strict):
    questions: list[Question] = Field(default_factory=list)


class RoleActivation(Strict):
    """A partner this crisis type calls in, from a level on and/or when answers say so."""

    role: str
    min_level: str | None = None
    when: When = Field(default_factory=list)
    deadline: Duration | None = Field(None, description="Overrides the registry's deadline for the level.")
    task: Text | None = None


class Action(Strict):
    id: Id
    text: Text
    owner: str = Field(description="Role id responsible for the action.")
    due: Duration
    min_level: str | None = None
    when: When = Field(default_factory=list)


class StatementUse(Strict):
    kind: str
    levels: list[str] = Field(min_length=1)
    template: dict[Literal["id", "en"], str] = Field(
        description="Template path per language, relative to the guideline's templates/ folder."
    )
    due: dict[str, Duration] = Field(default_factory=dict, description="Level id -> when the statement must be out.")

    @field_validator("template")
    @classmethod
    def _needs_indonesian(cls, value: dict[str, str]) -> dict[str, str]:
        if "id" not in value:
            raise Invalid("setiap pernyataan perlu templat berbahasa Indonesia ('id')",
                          "every statement needs an Indonesian template ('id')")  # fmt: skip
        return value


class KeyMessage(Strict):
    text: Text
    facts: list[Text] = Field(default_factory=list, max_length=3)


class MessageMap(Strict):
    audience: Text
    question: Text
    messages: list[KeyMessage] = Field(min_length=1, max_length=3)


class ChoiceAsYesNo(Strict):
    """A yes/no statement fact read from a choice question: yes when one of these options was chosen."""

    question: Id
    means_yes: list[Id] = Field(
        min_length=1,
        description="The options that mean yes; any other option means no. (Not `yes`: YAML 1.1 "
        "reads that key as true.)",
    )


class YesNoAsValue(Strict):
    """A statement fact given by a yes/no question answered no: "no deaths" means a death count of 0.
    Answered yes, the fact is asked (or taken from the next source in the list)."""

    question: Id
    if_no: Scalar = Field(description="The variable's value when the answer is no.")


FactSource = Id | ChoiceAsYesNo | YesNoAsValue


def _source_kind(value: Any) -> str | None:
    """Which form of source a `facts_from_answers` entry is, from its shape, so that a mistake in one form
    is reported against that form alone (not as seven contradictory errors, one per form)."""
    if isinstance(value, str):
        return "question"
    if isinstance(value, YesNoAsValue) or (isinstance(value, dict) and "if_no" in value):
        return "if_no"
    if isinstance(value, ChoiceAsYesNo | dict):
        return "means_yes"
    return None


def _entry_kind(value: Any) -> str:
    return "list" if isinstance(value, list) else "one"


_Source = Annotated[
    Annotated[Id, Tag("question")] | Annotated[ChoiceAsYesNo, Tag("means_yes")] | Annotated[YesNoAsValue, Tag("if_no")],
    Discriminator(
        _source_kind,
        custom_error_type="fact_source",
        custom_error_message="a question id, {question, means_yes: [...]} or {question, if_no: VALUE}",
    ),
]
_SourceEntry = Annotated[
    Annotated[_Source, Tag("one")] | Annotated[list[_Source], Tag("list")], Discriminator(_entry_kind)
]


class Derived(Strict):
    base: VarName = Field(description="The tally this one starts from.")
    minus: list[VarName] = Field(default_factory=list, description="Tallies taken away from it.")
    plus: list[VarName] = Field(default_factory=list, description="Tallies added to it.")


class Tally(Strict):
    """A running count of the incident (escaped, recaptured, dead, injured, evacuated, hostages)."""

    id: VarName
    label: Text
    derived: Derived | None = Field(
        None,
        description="A count computed from earlier tallies (still sought = escaped - recaptured - "
        "surrendered); it is never typed, and a set of values that would make it negative is refused.",
    )


class StatePhrases(Strict):
    """Phrases a statement must not carry while fact `fact` has value `value` (say 'still trying to bring
    under control' once the situation is under control): `pasopati check --incident` flags them."""

    fact: VarName
    value: Scalar
    contradicts: dict[Literal["id", "en"], list[str]] = Field(min_length=1)


class CrisisType(Strict):
    kind: Literal["crisis-type"]
    id: Id
    title: Text
    summary: Text
    phase: Literal["pre-crisis", "crisis"] = "crisis"
    keywords: list[str] = Field(default_factory=list)
    base_level: str
    triage: Triage = Field(default_factory=Triage)
    roles: list[RoleActivation] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    statements: list[StatementUse] = Field(min_length=1)
    first_statement: str | None = Field(
        None,
        description="The statement kind drafted first for this type and offered at every reachable level "
        "(default: the guideline's first_statement; a pre-crisis type may start with a press release).",
    )
    facts_from_answers: dict[VarName, _SourceEntry] = Field(
        default_factory=dict,
        description="Statement variables filled from a triage answer (variable: question id, a choice "
        "question read as yes/no, a yes/no question whose 'no' gives a value, or a list of these tried in "
        "order), so that a fact the officer already gave in triage is not asked again. A value given with "
        "--set or --vars wins.",
    )
    tallies: list[Tally] = Field(
        default_factory=list,
        description="The running counts of this type of incident, kept current with `incident fact`; "
        "derived ones are computed from earlier ones.",
    )
    states: list[StatePhrases] = Field(
        default_factory=list, description="State phrases that contradict a fact's current value."
    )
    naming: dict[Id, str] = Field(
        default_factory=dict,
        description="Role id -> when its initials may be printed in this type ('never', 'always' or a stage "
        "id): overrides the guideline's disclosure.naming for this type.",
    )
    key_messages: list[MessageMap] = Field(default_factory=list)
    do: list[Text] = Field(default_factory=list)
    dont: list[Text] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="What the content rests on.")

    def first_statement_kind(self, guideline: Guideline) -> str:
        return self.first_statement or guideline.first_statement

    def question(self, question_id: str) -> YesNoQuestion | ChoiceQuestion | NumberQuestion:
        return next(q for q in self.triage.questions if q.id == question_id)


# --- statement templates (front matter) -------------------------------------------------------------

VariableType = Literal["text", "long_text", "integer", "yes_no", "choice", "datetime", "date", "time"]


def _no_choices() -> list[str]:
    # A Python function, not the builtin `list`: pydantic reads a default factory's signature, and a
    # builtin's is parsed from text with `tokenize`, whose regular expressions cost ~3 ms to compile on
    # the `--start` path of every response (which constructs a Variable).
    return []


class Variable(Strict):
    name: VarName
    prompt: Text
    type: VariableType = "text"
    required: bool = True
    choices: list[str] = Field(default_factory=_no_choices)
    example: Scalar | datetime | date | None = None
    default: Scalar | None = None
    min: int | None = Field(None, description="integer: the smallest value accepted (0 when not given).")
    max: int | None = Field(None, description="integer: the largest value accepted.")
    tense: Literal["past", "future"] | None = Field(
        None,
        description="datetime, date, time: a moment that has happened (past) or is still to come (future). "
        "A time typed without a date is read as the latest past or the next such time; a typed value on the "
        "wrong side of now is confirmed before it is used.",
    )

    @model_validator(mode="after")
    def _options_fit_the_type(self) -> "Variable":
        if (self.min is not None or self.max is not None) and self.type != "integer":
            raise Invalid(
                "'min' dan 'max' hanya berlaku untuk type integer", "'min' and 'max' apply only to type integer"
            )
        if self.tense is not None and self.type not in ("datetime", "date", "time"):
            raise Invalid("'tense' hanya berlaku untuk type datetime, date dan time",
                          "'tense' applies only to types datetime, date and time")  # fmt: skip
        if self.max is not None and self.max < self.lowest:
            raise Invalid("'max' lebih kecil dari 'min'", "'max' is below 'min'")
        return self

    @property
    def lowest(self) -> int:
        """The smallest integer accepted: counts and numbers in statements are never negative by default."""
        return 0 if self.min is None else self.min


def range_words(low: int, high: int | None) -> tuple[str, str]:
    """The accepted range of a number, in Indonesian and English ("angka minimal 1", "a number from 1 to 5")."""
    if high is None:
        return f"angka minimal {low}", f"a number of at least {low}"
    return f"angka {low} sampai {high}", f"a number from {low} to {high}"


class TemplateMeta(Strict):
    title: str | None = None
    description: str | None = None
    partial: bool = Field(False, description="An include (letterhead, contact block), not a statement.")
    variables: list[Variable] = Field(default_factory=list)


# --- the unit profile -------------------------------------------------------------------------------


class Person(Strict):
    name: str = Field(min_length=1)
    title: str = Field(min_length=1, description="The title in Indonesian, e.g. 'Kepala Lapas Kelas I Cipinang'.")
    title_en: str | None = Field(
        None,
        min_length=1,
        description="The title in English, e.g. 'Head of Cipinang Class I Prison'. An English statement that "
        "prints the title is refused without it.",
    )
    phone: str | None = None
    email: str | None = None


class UnitInfo(Strict):
    name: str = Field(min_length=1, description="Full name, e.g. 'Lapas Kelas I Cipinang'.")
    unit_class: str = Field(alias="class", min_length=1)
    city: str = Field(min_length=1)
    address: str = Field(min_length=1)
    timezone: str = Field(description="IANA name (Asia/Jakarta) or WIB, WITA, WIT.")
    regional_office: str | None = Field(None, description="The Kanwil above the unit, in Indonesian.")
    regional_office_en: str | None = Field(
        None,
        min_length=1,
        description="The Kanwil in English, e.g. 'West Java Regional Office of the Directorate General of "
        "Corrections'. An English statement that prints the regional office is refused without it.",
    )
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    about: Text | None = Field(None, description="A short boilerplate paragraph about the unit.")


def _no_names() -> list[str]:
    # A Python function, not the builtin `list`, for the reason given at `_no_choices`: every response
    # dumps its unit profile into the journal, which builds the profile's serializer.
    return []


class UnitProfile(Strict):
    kind: Literal["unit-profile"]
    unit: UnitInfo
    spokesperson: str = Field(description="The roster role whose holder speaks for the unit.")
    roster: dict[str, Person] = Field(min_length=1)
    aliases: list[str] = Field(
        default_factory=_no_names,
        description="Other names the press uses for the unit ('LP Cipinang', 'Lapas Kelas I Jakarta'); media "
        "monitoring treats a story naming any of them, or the unit's own name, as about the unit.",
    )
    officials: list[str] = Field(
        default_factory=_no_names,
        description="Names of the unit's officials as the press writes them (the Kalapas, the spokesperson); "
        "a story naming one is about the unit.",
    )

    @model_serializer(mode="wrap")
    def _without_empty_press_names(self, handler: SerializerFunctionWrapHandler) -> Any:
        """A profile that names no aliases or officials dumps exactly as before they existed, so the profile
        recorded in a journal (and the journal's hashes) does not change for units that do not monitor."""
        data = handler(self)
        if isinstance(data, dict):
            for key in ("aliases", "officials"):
                if not data.get(key):
                    data.pop(key, None)
        return data


# --- answers (a replayable record of a walk) -------------------------------------------------------


class ManualRaise(Strict):
    level: str
    reason: str = Field(min_length=1)


class MarkedPerson(Strict):
    """A person involved, with the part they play in the incident."""

    name: str = Field(min_length=1, description="The full name; statements must never print it.")
    role: Id = Field(description="A role of the guideline's disclosure.naming (korban, tersangka ...).")


_PersonEntry = Annotated[
    Annotated[str, Tag("name")] | Annotated[MarkedPerson, Tag("person")],
    Discriminator(
        lambda value: "name" if isinstance(value, str) else "person",
        custom_error_type="person_entry",
        custom_error_message="a full name, or {name, role}",
    ),
]


class Answers(Strict):
    kind: Literal["answers"]
    crisis_type: str
    answers: dict[str, Scalar] = Field(default_factory=dict)
    raise_to: ManualRaise | None = None
    facts: dict[str, Scalar | datetime | date | dict[Literal["id", "en"], str]] = Field(
        default_factory=dict,
        description="Statement facts. A text that differs per language is given as {id: ..., en: ...}: an "
        "English statement refuses a text given with `id` alone. A single value (a name, a number, a link) is "
        "used as it is in both languages.",
    )
    people: list[_PersonEntry] = Field(
        default_factory=list,
        description="The people involved (inmates, victims, witnesses, staff concerned): a full name, or "
        "{name, role} with a role of the guideline's disclosure.naming. Statements must not print the names; "
        "their initials only where the role and the incident's stage allow.",
    )

    def marked(self) -> dict[str, str | None]:
        """Each marked name and its role (None when given without one)."""
        found: dict[str, str | None] = {}
        for entry in self.people:
            name, role = (entry, None) if isinstance(entry, str) else (entry.name, entry.role)
            if found.get(name) is None:
                found[name] = role
        return found

    start: datetime | None = None
    operator: str | None = None


# --- media monitoring (sources and the words that classify news) ---------------------------------

_FEED_URL = r"^https?://[^\s/$.?#][^\s]*$"


class Feed(Strict):
    """One RSS or Atom source: an outlet's feed, a news-search query feed, or any feed the unit adds."""

    id: Id
    name: str = Field(min_length=1, description="The outlet as it should appear in reports.")
    url: str = Field(pattern=_FEED_URL, max_length=2000, description="http or https address of the feed.")
    scope: Literal["nasional", "lokal"]
    every: Duration = Field(timedelta(minutes=15), description="How often `monitor watch` polls it.")
    language: Literal["id", "en"] = "id"
    kind: Literal["outlet", "search", "other"] = Field("outlet", description="An outlet's feed or a search query feed.")


class Sentiment(Strict):
    """Words that say how a story treats the institution; matched on word stems ('kabur' finds 'dikaburkan')."""

    negatif: list[str] = Field(min_length=1)
    positif: list[str] = Field(min_length=1)
    negators: list[str] = Field(
        default_factory=list,
        description="Words that turn the next sentiment word around ('tidak ada pungli' is not negative).",
    )


class Grouping(Strict):
    similarity: float = Field(
        0.5, gt=0, le=1, description="How alike two stories' words must be (0-1, Jaccard) to be one issue."
    )
    window: Duration = Field(timedelta(hours=72), description="Stories further apart in time are separate issues.")


class FetchLimits(Strict):
    timeout: int = Field(15, ge=1, le=300, description="Seconds to wait for a feed.")
    retries: int = Field(2, ge=0, le=10, description="Further attempts after a timeout, network error or 5xx.")
    max_bytes: int = Field(5_000_000, ge=1_000, le=100_000_000, description="A larger feed is refused.")
    max_redirects: int = Field(5, ge=0, le=20)


class Monitoring(Strict):
    kind: Literal["monitoring"]
    feeds: list[Feed] = Field(default_factory=list)
    corrections: list[str] = Field(
        min_length=1,
        description="Words that make a story about corrections in general (lapas, rutan, warga binaan ...).",
    )
    policy: list[str] = Field(
        default_factory=list,
        description="Strategic policy topics that suggest no crisis type (remisi, overcrowding, amnesti).",
    )
    false_friends: list[str] = Field(
        default_factory=list,
        description="Phrases whose words must not count towards a crisis type ('dilarikan ke rumah sakit' is not an "
        "escape, 'kereta api' is not a fire).",
    )
    news_markers: list[str] = Field(
        default_factory=list,
        description="Words that make a story about the news itself (a hoax, a viral video, a denial, a clarification): "
        "it suggests `response_type` whatever incident it mentions.",
    )
    not_incident: list[str] = Field(
        default_factory=list,
        description="Words that mark a story as no incident at all (a drill, a simulation): it suggests no "
        "crisis type.",
    )
    response_type: Id = Field(
        "berita_negatif", description="The crisis type `monitor respond` opens when a story suggests no other."
    )
    sentiment: Sentiment
    grouping: Grouping = Field(default_factory=Grouping)
    fetch: FetchLimits = Field(default_factory=FetchLimits)

    @field_validator("feeds")
    @classmethod
    def _unique_feeds(cls, value: list[Feed]) -> list[Feed]:
        for attribute in ("id", "url"):
            seen: set[str] = set()
            for feed in value:
                key = getattr(feed, attribute)
                if key in seen:
                    raise ValueError(f"two feeds have the same {attribute} '{key}'")
                seen.add(key)
        return value


FILE_KINDS: dict[str, type[Strict]] = {
    "guideline": Guideline,
    "crisis-type": CrisisType,
    "unit-profile": UnitProfile,
    "answers": Answers,
    "monitoring": Monitoring,
}
