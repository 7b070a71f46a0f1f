"""The headers every page carries (CSP, frame, referrer, permissions, opener policies), no
inline script in any template, the forwarded-protocol header trusted only behind a
configured proxy, and `sightline check --deploy` clean with production settings."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/login/", "/", "/account/", "/api/v1/docs"])
def test_every_page_carries_the_security_headers(as_alice, path):
    response = as_alice.get(path)
    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["style-src-attr"] == ["'unsafe-inline'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_the_api_answers_carry_them_too(client, db):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Permissions-Policy"]


def test_a_page_with_an_inline_style_block_gives_it_the_requests_nonce(as_alice):
    response = as_alice.get("/login/")
    # no <style> on the sign-in page, so no nonce is sent
    assert "nonce-" not in response["Content-Security-Policy"]


SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text()
        for match in SCRIPT.finditer(text):
            attributes = match.group(1)
            if "src=" not in attributes and 'type="application/json"' not in attributes:
                offenders.append(f"{template.relative_to(TEMPLATES)}: <script{attributes}>")
        for line in text.splitlines():
            if HANDLER.search(line) and "<" in line:
                offenders.append(f"{template.relative_to(TEMPLATES)}: {line.strip()[:80]}")
    assert offenders == []


def test_style_blocks_in_pages_carry_the_nonce():
    """A <style> block in a page is allowed only with the request's CSP nonce (the print
    layouts, rendered into PDFs and Word papers without a request, are not pages)."""
    missing = [
        str(template.relative_to(TEMPLATES))
        for template in sorted(TEMPLATES.rglob("*.html"))
        if '{% extends "base.html" %}' in template.read_text()
        for match in re.finditer(r"<style\b([^>]*)>", template.read_text())
        if "csp_nonce" not in match.group(1)
    ]
    assert missing == []


def test_htmx_is_told_not_to_inject_its_inline_style(as_alice):
    body = as_alice.get("/").content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles":false}\'>' in body
    assert "js-enabled.js" in body and "sightline/js/init.js" in body


def test_the_forwarded_protocol_is_trusted_only_behind_a_configured_proxy(client, db):
    assert settings.SIGHTLINE_BEHIND_PROXY is False
    assert settings.SECURE_PROXY_SSL_HEADER is None
    request = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https").wsgi_request
    assert not request.is_secure()
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        request = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https").wsgi_request
        assert request.is_secure()


def test_the_settings_read_the_proxy_switch(monkeypatch):
    import importlib

    import config.settings as module

    monkeypatch.setenv("SIGHTLINE_BEHIND_PROXY", "1")
    try:
        reloaded = importlib.reload(module)
        assert reloaded.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
        monkeypatch.setenv("SIGHTLINE_BEHIND_PROXY", "0")
        monkeypatch.setenv("SECURE", "1")
        reloaded = importlib.reload(module)
        assert reloaded.SECURE_PROXY_SSL_HEADER is None
    finally:
        monkeypatch.undo()
        importlib.reload(module)


PRODUCTION = {
    "DEBUG": False,
    "SECRET_KEY": "Zq7-vN2pL9xW4cT8mR1bK6hF3jD0sG5aYeUoIiPwQnMzXyVtCrBuEkHlJgSdOf_",
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SILENCED_SYSTEM_CHECKS": [],
}


def test_the_deploy_checks_pass_with_production_settings(db, monkeypatch):
    # The browser tests' harness allows Django's ORM in Playwright's event loop for its own
    # process (tests/browser/conftest.py); a deployment never sets it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    with override_settings(**PRODUCTION):
        messages = run_checks(include_deployment_checks=True)
    assert [f"{m.id}: {m.msg}" for m in messages] == []
