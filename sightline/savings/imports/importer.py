"""The savings tracker as one kind of import: a preview of what a table would do, and the
save, both through :func:`sightline.savings.services.proposals_save_many`."""

from __future__ import annotations

from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.fiscal import FinancialYear
from sightline.core.tables import ImportOptions, Preview, Table, Template, by_row
from sightline.savings.imports.published import TrackerPlan, plan_tracker
from sightline.savings.imports.schema import TRACKER
from sightline.savings.services.bulk import ImportRefused, ImportResult, proposals_save_many


class TrackerImporter:
    kind = "tracker"
    title = "Savings tracker"
    noun = "proposal"
    rule = "savings.import_proposals"
    schema = TRACKER
    description = (
        "Savings proposals and their savings by financial year: a row per proposal with a "
        "column per year (as committee papers print them), or a row per proposal and year."
    )

    @property
    def template(self) -> Template:
        first = FinancialYear.current()
        years = [first, first.next(), first.next().next()]
        header = [
            "Reference",
            "Title",
            "Savings type",
            "Directorate",
            "Service area",
            "Bundle",
            "Budget code",
            "Recurring/One-off",
            *[f"Saving {fy} (£)" for fy in years],
        ]
        example = ["ASC 01", "Review of care packages", "Efficiency", "Adult Social Care"]
        example += ["", "", "", "Recurring", "24500", "92000", "-"]
        notes = [
            "Savings tracker: amounts in pounds; savings are shown as positive amounts, a cost "
            "(such as invest to save) as a negative one, and - for none."
        ]
        return Template(header, [example], notes)

    def preview(self, *, council: Council, by, table: Table, options: ImportOptions) -> Preview:
        """What importing ``table`` would do; nothing is written."""
        check(by, self.rule, council)
        plan = plan_tracker(council, table, options, dry_run=True)
        preview = _preview(plan)
        groups = plan.clean_groups()
        if groups:  # the rows that read well are checked by the service's rules too
            try:
                result = self._write(council, by, plan, groups, reason="", dry_run=True)
            except ImportRefused as error:
                preview.errors = by_row([*plan.errors, *error.messages])
            else:
                if not plan.errors:
                    _outcome(preview, result)
        return preview

    @transaction.atomic
    def save(
        self, *, council: Council, by, table: Table, options: ImportOptions, reason: str
    ) -> Preview:
        """Import ``table``: every row is read and checked again, the directorates, service
        areas and bundles it names are created if asked, and the proposals written, all in
        one transaction or nothing."""
        check(by, self.rule, council)
        plan = plan_tracker(council, table, options, dry_run=False)
        if plan.errors:
            raise ImportRefused(plan.errors)
        reason = reason or "Imported from the council's tracker"
        plan.names.create(by=by, reason=reason)
        result = self._write(council, by, plan, plan.groups, reason=reason, dry_run=False)
        preview = _preview(plan)
        _outcome(preview, result)
        preview.saved = True
        return preview

    def _write(self, council, by, plan: TrackerPlan, groups, *, reason: str, dry_run: bool):
        return proposals_save_many(
            council=council,
            by=by,
            groups=groups,
            rows=plan.rows,
            reason=reason,
            dry_run=dry_run,
        )


def _preview(plan: TrackerPlan) -> Preview:
    years = list(plan.years)
    return Preview(
        kind="tracker",
        rows=plan.rows,
        noun="proposal",
        to_create=plan.names.to_create(),
        years=[(str(fy), pence) for fy, pence in plan.years.items()],
        groups=[
            (name, [by_year.get(fy, 0) for fy in years])
            for name, by_year in plan.by_directorate.items()
        ],
        warnings=plan.warnings,
        errors=list(plan.errors),
    )


def _outcome(preview: Preview, result: ImportResult) -> None:
    preview.counts = {"savings lines": result.lines}
    preview.created = [c for c in result.changes if c.action == "create"]
    preview.changed = [c for c in result.changes if c.action == "change"]
    preview.unchanged = result.unchanged


TRACKER_IMPORTER = TrackerImporter()
