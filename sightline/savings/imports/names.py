"""A council's own records named in a file: savings types, directorates, service areas,
bundles and budget codes, matched by their plain names (so "Children’s Services" is
"Children's Services"), and the names a file gives that the council does not have yet.

Unknown directorates, service areas and bundles are created only when the user asks, and
then through the services a form uses (``reference_save``, ``bundle_save``).
"""

from __future__ import annotations

from collections.abc import Iterable

from sightline.accounts.models import Council, Directorate, ServiceArea
from sightline.core.tables import listed, plain, plain_key
from sightline.savings.models import BudgetCode, Bundle, SavingsType

CREATABLE = {"directorate": "directorates", "service_area": "service areas", "bundle": "bundles"}
ASK_TO_CREATE = "or choose to create what the file names (--create-missing)"


class _Table:
    """A council's records of one kind by plain name, for reading a column."""

    def __init__(self, objs: Iterable, attr: str, what: str) -> None:
        self.what = what
        objs = list(objs)
        self.by_name = {plain_key(getattr(o, attr)): o for o in objs}
        self.names = sorted(getattr(o, attr) for o in objs)

    def choices(self) -> str:
        return listed(self.names, limit=12) or "none yet"


class Names:
    """The council's records a file names, and those it would create."""

    def __init__(self, council: Council, *, create_missing: bool = False) -> None:
        self.council = council
        self.create_missing = create_missing

        def table(model, attr, what):
            qs = model.objects.filter(council=council, disabled_on__isnull=True)
            return _Table(qs, attr, what)

        self.tables = {
            "savings_type": table(SavingsType, "name", "savings types"),
            "directorate": table(Directorate, "name", "directorates"),
            "bundle": table(Bundle, "name", "bundles"),
            "budget_code": table(BudgetCode, "code", "budget codes"),
        }
        self.areas = {
            (area.directorate_id, plain_key(area.name)): area
            for area in ServiceArea.objects.filter(
                directorate__council=council, disabled_on__isnull=True
            )
        }
        self.new: dict[str, dict[str, object]] = {kind: {} for kind in CREATABLE}

    def find(self, column: str, text: str) -> tuple[object | None, str | None]:
        """The record a cell names (or one to create), and else why not."""
        if not text:
            return None, None
        table = self.tables[column]
        found = table.by_name.get(plain_key(text)) or self.new.get(column, {}).get(plain_key(text))
        if found is not None:
            return found, None
        if column in CREATABLE and self.create_missing:
            return self._new(column, text), None
        ask = f", {ASK_TO_CREATE}" if column in CREATABLE else ""
        return None, (
            f"{plain(text)!r} is not one of your council's {table.what} "
            f"(use one of {table.choices()}{ask})."
        )

    def _new(self, column: str, text: str):
        name = plain(text)
        if column == "directorate":
            obj = Directorate(council=self.council, name=name)
        else:
            obj = Bundle(council=self.council, name=name)
        self.new[column][plain_key(name)] = obj
        return obj

    def area(self, directorate, text: str) -> tuple[object | None, str | None]:
        """The service area a cell names in ``directorate`` (or one to create)."""
        if not text or directorate is None:
            return None, None
        place = directorate.pk or id(directorate)
        found = self.areas.get((place, plain_key(text)))
        if found is not None:
            return found, None
        if self.create_missing:
            area = ServiceArea(directorate=directorate, name=plain(text))
            self.areas[(place, plain_key(text))] = area
            self.new["service_area"][f"{plain_key(directorate.name)}/{plain_key(text)}"] = area
            return area, None
        names = sorted(a.name for (d, _), a in self.areas.items() if d == place)
        return None, (
            f"{plain(text)!r} is not a service area of {directorate} "
            f"(use one of {listed(names, limit=12) or 'none yet'}, {ASK_TO_CREATE})."
        )

    def to_create(self) -> dict[str, list[str]]:
        """What the import would create, by kind: {"directorates": ["Place"]}."""
        shown = {}
        for kind, objs in self.new.items():
            if objs:
                names = [
                    f"{o.name} ({o.directorate})" if kind == "service_area" else o.name
                    for o in objs.values()
                ]
                shown[CREATABLE[kind]] = sorted(names)
        return shown

    def create(self, *, by, reason: str) -> None:
        """Create the records the file names that the council lacks, through the services
        a form uses: directorates first, then their service areas, then bundles."""
        from sightline.accounts.services import reference_save
        from sightline.savings.services import bundle_save

        for directorate in self.new["directorate"].values():
            reference_save(obj=directorate, by=by, reason=reason)
        for area in self.new["service_area"].values():
            area.directorate = area.directorate  # now with its id
            reference_save(obj=area, by=by, reason=reason)
        for bundle in self.new["bundle"].values():
            bundle_save(bundle=bundle, by=by)
