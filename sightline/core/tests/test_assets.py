from pathlib import Path

from sightline.core.assets import build


def test_it_points_govuk_fonts_at_the_static_folder_and_drops_source_maps(tmp_path: Path):
    source = tmp_path / "govuk"
    (source / "assets" / "fonts").mkdir(parents=True)
    (source / "assets" / "fonts" / "bold.woff2").write_bytes(b"font")
    (source / "govuk-frontend.min.css").write_text(
        "a{src:url(/assets/fonts/bold.woff2)}\n/*# sourceMappingURL=govuk-frontend.min.css.map */"
    )
    (source / "govuk-frontend.min.js").write_text(
        "export{};\n//# sourceMappingURL=govuk-frontend.min.js.map"
    )
    build(source, tmp_path / "out")
    css = (tmp_path / "out" / "govuk" / "govuk-frontend.min.css").read_text()
    assert "url(assets/fonts/bold.woff2)" in css
    assert "/assets/" not in css and "sourceMappingURL" not in css
    assert (tmp_path / "out" / "govuk" / "assets" / "fonts" / "bold.woff2").exists()


def test_the_built_stylesheet_is_served(public, db):
    response = public.get("/static/govuk/govuk-frontend.min.css")
    assert response.status_code == 200
