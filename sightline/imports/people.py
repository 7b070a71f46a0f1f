"""People a file names (an indicator's or a risk's owner), matched by their plain names, and
those it would add to the council's people when the user asks."""

from __future__ import annotations

from sightline.accounts.models import Council, Directorate, Person
from sightline.core.tables import listed, plain, plain_key


class People:
    def __init__(self, council: Council, *, create_missing: bool = False) -> None:
        self.council, self.create_missing = council, create_missing
        self.by_name: dict[str, Person | None] = {}
        for person in Person.objects.filter(council=council, disabled_on__isnull=True):
            key = plain_key(person.name)
            # Two people of one name (two job titles) cannot be told apart by name alone.
            self.by_name[key] = None if key in self.by_name else person
        self.new: dict[str, Person] = {}
        self.new_directorates: list[Directorate] = []
        self.directorates = {
            plain_key(d.name): d for d in Directorate.objects.filter(council=council)
        }

    def find(self, text: str) -> tuple[Person | None, str | None]:
        key = plain_key(text)
        if not key:
            return None, None
        if key in self.by_name:
            person = self.by_name[key]
            if person is None:
                return None, (
                    f"{plain(text)!r} names two of your council's people: choose one on the "
                    "record's own page."
                )
            return person, None
        if key in self.new:
            return self.new[key], None
        if self.create_missing:
            self.new[key] = Person(council=self.council, name=plain(text))
            return self.new[key], None
        return None, (
            f"{plain(text)!r} is not one of your council's people (add them under Council, "
            "or choose to create what the file names (--create-missing))."
        )

    def directorate(self, text: str) -> tuple[Directorate | None, str | None]:
        key = plain_key(text)
        if not key:
            return None, None
        found = self.directorates.get(key)
        if found is not None:
            return found, None
        if self.create_missing:
            self.directorates[key] = found = Directorate(council=self.council, name=plain(text))
            self.new_directorates.append(found)
            return found, None
        names = listed(sorted(d.name for d in self.directorates.values() if d.pk), limit=12)
        return None, (
            f"{plain(text)!r} is not one of your council's directorates (use one of "
            f"{names or 'none yet'}, or choose to create what the file names "
            "(--create-missing))."
        )

    def to_create(self) -> dict[str, list[str]]:
        found = {}
        if self.new:
            found["people"] = sorted(p.name for p in self.new.values())
        if self.new_directorates:
            found["directorates"] = sorted(d.name for d in self.new_directorates)
        return found

    def create(self, *, by, reason: str) -> None:
        """Add the people and directorates the file names, through the service a form uses."""
        from sightline.accounts.services import reference_save

        for directorate in self.new_directorates:
            reference_save(obj=directorate, by=by, reason=reason or "Named in an import")
        for person in self.new.values():
            reference_save(obj=person, by=by, reason=reason or "Named in an import")
