"""Copy govuk-frontend's built files from node_modules into the static folder Sightline serves.

The package's compiled CSS points its fonts and images at ``/assets/``; Sightline serves them under
``/static/govuk/assets/``, so the paths are made relative here, at build time, and the source map
comments dropped (the maps are not shipped).

Usage: ``python -m sightline.core.assets node_modules/govuk-frontend/dist/govuk var/assets``
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

FILES = ("govuk-frontend.min.css", "govuk-frontend.min.js")
SOURCE_MAP = re.compile(r"\n?/[*/]#\s*sourceMappingURL=\S+\s*(\*/)?\s*$")


def build(source: Path, target: Path) -> list[Path]:
    """Copy the CSS, JS and assets folder of govuk-frontend into ``target/govuk``."""
    if not (source / FILES[0]).exists():
        raise SystemExit(f"{source} has no {FILES[0]}: run `npm ci` first")
    out = target / "govuk"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source / "assets", out / "assets")
    written = []
    for name in FILES:
        text = (source / name).read_text(encoding="utf-8")
        text = SOURCE_MAP.sub("", text)
        if name.endswith(".css"):
            text = text.replace("url(/assets/", "url(assets/")
            if "/assets/" in text.replace("url(assets/", ""):
                raise SystemExit(f"{name} still refers to /assets/ after the path fix")
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written


if __name__ == "__main__":  # pragma: no cover - exercised by `make assets`
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    for path in build(Path(sys.argv[1]), Path(sys.argv[2])):
        print(f"wrote {path}")
