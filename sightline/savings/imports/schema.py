"""The columns of a savings tracker, as councils head them in their trackers and in the
savings tables of their committee papers, and what Sightline does with each."""

from __future__ import annotations

from sightline.core.tables import Field, Schema

AMOUNT_WORDS = (
    "",
    "saving",
    "savings",
    "amount",
    "saving amount",
    "savings amount",
    "proposed saving",
    "proposed savings",
    "savings proposed",
    "budget reduction",
    "reduction",
    "net saving",
    "net savings",
    "value",
)
NOT_STAGE = (
    "a proposal moves between stages through its gates, on its own page; new proposals start "
    "as ideas and existing ones keep their stage."
)
NOT_DECISION = (
    "decisions are recorded on each proposal's decision page by those who may decide; new "
    "proposals start as drafts and existing ones keep their decision."
)
NOT_RAG = "a RAG comes with a month's forecast, recorded in the monthly monitoring round."
NOT_FTE = (
    "FTE reductions are recorded by role and year on each proposal's staffing page, so an "
    "FTE figure alone is not imported."
)
NOT_PEOPLE = "people are linked to a proposal on its own page."
NOT_TEXT = "text like this is kept on each proposal's own page."

TRACKER = Schema(
    kind="tracker",
    fields=(
        Field(
            "reference",
            "Reference",
            (
                "reference",
                "ref",
                "ref no",
                "ref number",
                "reference no",
                "reference number",
                "saving ref",
                "savings ref",
                "saving reference",
                "savings reference",
                "proposal ref",
                "proposal reference",
                "proposal no",
                "proposal number",
                "saving no",
                "id",
            ),
            key=True,
        ),
        Field(
            "title",
            "Title",
            (
                "title",
                "description",
                "proposal",
                "proposal title",
                "proposal name",
                "savings proposal",
                "saving proposal",
                "description of saving",
                "description of proposal",
                "saving description",
                "savings description",
                "proposal description",
                "saving title",
                "name",
                "project",
                "project name",
                "savings proposal title",
            ),
        ),
        Field(
            "savings_type",
            "Savings type",
            (
                "savings type",
                "saving type",
                "type",
                "type of saving",
                "category",
                "savings category",
                "saving category",
            ),
        ),
        Field(
            "directorate",
            "Directorate",
            ("directorate", "department", "dept", "directorate / department", "directorate/dept"),
        ),
        Field("service_area", "Service area", ("service area", "service", "service areas")),
        Field("bundle", "Bundle", ("bundle", "programme bundle", "workstream", "programme")),
        Field("financial_year", "Financial year", ("financial year", "year", "fy")),
        Field("amount", "Saving", AMOUNT_WORDS, period_aliases=AMOUNT_WORDS, numeric=True),
        Field(
            "kind",
            "Kind",
            (
                "kind",
                "saving kind",
                "kind of saving",
                "reduction or income",
                "expenditure or income",
            ),
        ),
        Field(
            "recurring",
            "Recurring/One-off",
            (
                "recurring",
                "recurring / one off",
                "recurring/one off",
                "one off / recurring",
                "one off/recurring",
                "recurring or one off",
                "one off",
                "recurrent",
                "r / nr",
                "r/nr",
            ),
        ),
        Field(
            "budget_code",
            "Budget code",
            (
                "budget code",
                "budget codes",
                "cost centre",
                "cost center",
                "cost code",
                "ledger code",
            ),
        ),
        Field(
            "total",
            "Total",
            (
                "total",
                "totals",
                "total saving",
                "total savings",
                "saving all years",
                "savings all years",
                "all years",
                "total proposed savings",
                "grand total",
            ),
            imported=False,
            total=True,
            reason="Sightline adds up the years itself.",
        ),
        Field(
            "fte",
            "FTE",
            ("fte", "ftes", "fte reduction", "fte reductions", "fte impact", "posts", "staffing"),
            period_aliases=("fte", "ftes", "fte reduction", "fte reductions", "posts"),
            imported=False,
            reason=NOT_FTE,
        ),
        Field(
            "stage",
            "Stage",
            ("stage", "status", "project stage", "gate"),
            imported=False,
            reason=NOT_STAGE,
        ),
        Field(
            "decision",
            "Decision",
            ("decision", "decision status", "approval", "approval status"),
            imported=False,
            reason=NOT_DECISION,
        ),
        Field(
            "rag",
            "RAG",
            (
                "rag",
                "rag status",
                "rag rating",
                "delivery rag",
                "delivery confidence",
                "confidence",
            ),
            period_aliases=("rag", "rag status"),
            imported=False,
            reason=NOT_RAG,
        ),
        Field(
            "exempt",
            "Exempt",
            ("exempt", "exempt information", "confidential"),
            imported=False,
            reason=(
                "the programme office marks a proposal exempt (Schedule 12A) on its own page, "
                "with the paragraphs that apply."
            ),
        ),
        Field(
            "people",
            "Lead officer",
            (
                "lead officer",
                "responsible officer",
                "lead member",
                "portfolio holder",
                "cabinet member",
                "portfolio",
                "owner",
                "sponsor",
            ),
            imported=False,
            reason=NOT_PEOPLE,
        ),
        Field(
            "notes",
            "Notes",
            ("notes", "comments", "comment", "commentary", "narrative", "risks", "impact"),
            imported=False,
            reason=NOT_TEXT,
        ),
    ),
)
