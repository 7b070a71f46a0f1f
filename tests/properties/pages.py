"""Reading a GOV.UK page as a user's browser would: its forms (what a browser would send) and,
on a refused post, its error summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "select-multiple" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False


@dataclass
class Form:
    action: str
    fields: list[Field] = field(default_factory=list)

    def defaults(self) -> dict[str, list[str]]:
        """What a browser sends when the form is submitted as the page shows it (the first
        submit button named included)."""
        data: dict[str, list[str]] = {}
        pressed = False
        for f in self.fields:
            if f.kind in ("checkbox", "radio"):
                if f.checked:
                    data.setdefault(f.name, []).append(f.value or "on")
            elif f.kind == "submit":
                if not pressed:
                    data.setdefault(f.name, []).append(f.value)
                    pressed = True
            elif f.kind in ("select", "select-multiple"):
                chosen = [o for o in f.options if o.startswith("\x00selected:")]
                values = [o.removeprefix("\x00selected:") for o in chosen]
                if not values and f.kind == "select" and f.options:
                    values = [f.options[0].removeprefix("\x00selected:")]
                data.setdefault(f.name, []).extend(values)
            elif f.kind in ("file", "button", "reset", "image"):
                continue
            else:
                data.setdefault(f.name, []).append(f.value)
        return data

    def names(self) -> list[str]:
        seen: list[str] = []
        for f in self.fields:
            if f.kind not in ("submit", "button", "reset", "image", "file") and f.name not in seen:
                seen.append(f.name)
        return seen

    def choices(self, name: str) -> list[str]:
        out = []
        for f in self.fields:
            if f.name != name:
                continue
            if f.kind in ("select", "select-multiple"):
                out.extend(o.removeprefix("\x00selected:") for o in f.options)
            elif f.kind in ("radio", "checkbox"):
                out.append(f.value or "on")
        return out

    def kind_of(self, name: str) -> str:
        return next(f.kind for f in self.fields if f.name == name)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.ids: set[str] = set()
        self.title = ""
        self.summary_links: list[str] = []
        self.has_summary = False
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: list | None = None
        self._textarea: Field | None = None
        self._in_title = False
        self._in_summary = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "title":
            self._in_title = True
        classes = (a.get("class") or "").split()
        if "govuk-error-summary" in classes:
            self.has_summary = True
            self._in_summary = 1
        elif self._in_summary and tag == "div":
            self._in_summary += 1
        if self._in_summary and tag == "a" and a.get("href"):
            self.summary_links.append(a["href"])
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = Form(action=a.get("action") or "")
                self.forms.append(self._form)
            else:
                self._form = None
            return
        if self._form is None or a.get("disabled") is not None:
            return
        name = a.get("name")
        if tag in ("input", "button") and name:
            kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
            self._form.fields.append(
                Field(name, kind, a.get("value") or "", checked="checked" in a)
            )
        elif tag == "select" and name:
            kind = "select-multiple" if "multiple" in a else "select"
            self._select = Field(name, kind)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea")
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "div" and self._in_summary:
            self._in_summary -= 1
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            value = text.strip() if value is None else value
            self._select.options.append(("\x00selected:" if selected else "") + value)
            self._option = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None


@dataclass
class Page:
    forms: list[Form]
    ids: set[str]
    title: str
    summary_links: list[str]
    has_summary: bool


def read(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return Page(
        reader.forms,
        reader.ids,
        " ".join(reader.title.split()),
        reader.summary_links,
        reader.has_summary,
    )


def forms_posting_to(page: Page, url: str) -> list[Form]:
    """The page's forms that post back to ``url`` (an empty action posts to the page)."""
    path = urlsplit(url).path
    return [f for f in page.forms if f.action in ("", url) or urlsplit(f.action).path == path]
