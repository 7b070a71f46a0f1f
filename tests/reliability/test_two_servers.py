"""Two application servers over one database, as behind a proxy (README, Production): two
gunicorns on two loopback ports over one PostgreSQL database of the test's own. An edit
through one is on the other's next response, the dashboard's kept totals too (each process
keeps its own summary cache, keyed by a version the database's triggers move on every write:
sightline/savings/summary_cache.py); a session made on one is good on the other; wrong
passwords counted on one lock the login out on the other (django-axes, in the database).

PostgreSQL only (DATABASE_URL): the production setup this describes."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.reliability.conftest import ROOT

pytestmark = [
    pytest.mark.reliability,
    # Asks pytest-django for the test database even when this file runs alone: the test's own
    # database is made from it (tests/reliability/conftest.py).
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="two servers over one database: PostgreSQL (DATABASE_URL) only",
    ),
]

PASSWORD = "two-servers-Pa55word"
FY = "2025/26"
SETUP = f"""
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from tests.reliability.workers import setup_council
from django.contrib.auth import get_user_model
found = setup_council("twosrv")
user = get_user_model().objects.get(username=found["user"])
user.set_password({PASSWORD!r})
user.save()
print(json.dumps(found))
"""


class Form(HTMLParser):
    """What a browser would send from the page's forms: inputs, checked boxes and radios,
    selected options (else the first) and textareas."""

    def __init__(self, html: str):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select = self._textarea = None
        self._first: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            if a.get("type") in {"radio", "checkbox"}:
                if "checked" in a:
                    self.values[name] = a.get("value") or "on"
            elif a.get("type") not in {"submit", "button"}:
                self.values.setdefault(name, a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._first.setdefault(self._select, a.get("value") or "")
            if "selected" in a:
                self.values[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self.values.setdefault(self._select, self._first.get(self._select, ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: its own cookies (a cookie is for the host, whatever the port,
    as a browser keeps it: the same session reaches both servers)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def open(self, url: str, data: dict | None = None) -> tuple[int, str, str]:
        headers = {}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Referer"] = url
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), ""
        except urllib.error.HTTPError as error:
            return (
                error.code,
                error.read().decode(errors="replace"),
                error.headers.get("Location", ""),
            )

    def submit(self, url: str, changes: dict[str, str]) -> tuple[int, str, str]:
        """GET the form at ``url``, change some values, POST it (with its CSRF token)."""
        status, html, _ = self.open(url)
        assert status == 200, (url, status, html[:500])
        values = Form(html).values
        values.update(changes)
        return self.open(url, values)

    def forget(self, name: str) -> None:
        for cookie in list(self.jar):
            if cookie.name == name:
                self.jar.clear(cookie.domain, cookie.path, cookie.name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def servers(file_database, tmp_path):
    """Two gunicorns (two sync workers each) over the test's PostgreSQL database, with the
    same SECRET_KEY, as README's production section says to run them."""
    found = file_database.json([sys.executable, "-c", SETUP])
    (tmp_path / "assets").symlink_to(ROOT / "var" / "assets")
    env = {
        **file_database.env,
        "DEBUG": "0",
        "SECURE": "0",
        "SECRET_KEY": "two-servers-test-only-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SIGHTLINE_VAR_DIR": str(tmp_path),
        "SIGHTLINE_LOCKOUT_ATTEMPTS": "3",
    }
    procs, bases = [], []
    try:
        for _ in range(2):
            port = free_port()
            procs.append(
                subprocess.Popen(  # noqa: S603
                    [
                        str(Path(sys.executable).parent / "gunicorn"),
                        "config.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "2",
                        "--log-level",
                        "warning",
                    ],
                    env=env,
                    cwd=ROOT,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for proc, base in zip(procs, bases, strict=True):
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310
                    break
                except OSError:
                    assert proc.poll() is None, "gunicorn stopped"
                    assert time.monotonic() < deadline, "gunicorn did not answer in 30 s"
                    time.sleep(0.2)
        yield found, bases
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


def sign_in(browser: Browser, base: str, username: str, password: str) -> tuple[int, str, str]:
    return browser.submit(f"{base}/login/", {"username": username, "password": password})


def planned_total(html: str) -> str:
    """The dashboard's planned total: the "All proposals" row's second figure (after the
    bundles' targets)."""
    match = re.search(
        r"All proposals</th>\s*<td[^>]*><strong>[^<]*</strong></td>\s*"
        r"<td[^>]*><strong>([^<]*)</strong>",
        html,
    )
    assert match, html[:2000]
    return match.group(1)


def test_an_edit_through_one_server_is_on_the_others_next_response(servers):
    found, (a, b) = servers
    pk = found["proposal"]
    on_a, on_b = Browser(), Browser()
    for browser, base in ((on_a, a), (on_b, b)):
        status, body, location = sign_in(browser, base, found["user"], PASSWORD)
        assert status == 302, (base, status, body[:1000])

    # Each server's dashboard, read (and its summary kept) before any edit.
    for browser, base in ((on_a, a), (on_b, b)):
        status, html, _ = browser.open(f"{base}/programme/?fy={FY}")
        assert status == 200
        assert planned_total(html) == "£0.00m"

    # A saving through server A: a new title, then a saving line (the dashboard's figure).
    status, body, _ = on_a.submit(
        f"{a}/programme/proposals/{pk}/edit/",
        {"title": "Shared legal service with Bedford", "reason": "Two servers test"},
    )
    assert status == 302, body[:3000]
    status, html, _ = on_b.open(f"{b}/programme/proposals/{pk}/")
    assert status == 200
    assert "Shared legal service with Bedford" in html

    for amount, shown in (("£1,230,000", "£1.23m"), ("£4,560,000", "£4.56m")):
        status, body, _ = on_a.submit(
            f"{a}/programme/proposals/{pk}/savings/",
            {
                "lines-0-fy": FY,
                "lines-0-amount": amount,
                "lines-0-recurring": "on",
                "reason": "Two servers test",
            },
        )
        assert status == 302, body[:3000]
        # Server B kept the dashboard's summary from before the edit; its next response
        # has the edit all the same, as does A's.
        for browser, base in ((on_b, b), (on_a, a)):
            status, html, _ = browser.open(f"{base}/programme/?fy={FY}")
            assert status == 200
            assert planned_total(html) == shown, base

    # A session made on A is good on B: A's browser reads B's pages signed in.
    status, html, _ = on_a.open(f"{b}/programme/proposals/{pk}/")
    assert status == 200 and "Shared legal service with Bedford" in html
    # Signing out on B ends the session on A too.
    token = Form(html).values["csrfmiddlewaretoken"]  # the page's sign-out form's
    status, _, _ = on_a.open(f"{b}/logout/", {"csrfmiddlewaretoken": token})
    assert status == 302
    status, _, location = on_a.open(f"{a}/programme/")
    assert status == 302 and "/login/" in location


def test_wrong_passwords_on_one_server_lock_the_login_out_on_the_other(servers):
    found, (a, b) = servers
    attempts = []
    for base in (a, b, a):  # SIGHTLINE_LOCKOUT_ATTEMPTS=3, counted wherever they were made
        browser = Browser()
        attempts.append(sign_in(browser, base, found["user"], "not-the-password")[0])
    assert attempts[:2] == [200, 200]
    # Locked out: the right password is refused on B as well as A.
    for base in (b, a):
        status, html, _ = sign_in(Browser(), base, found["user"], PASSWORD)
        assert status == 429, (base, status, html[:1000])
