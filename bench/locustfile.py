"""The mixed load: each of the roles' real journeys, weighted, run by bench/load.py.

Each simulated person signs in once (a session made up front by bench/load.py, so password
hashing is not what is measured), then opens their pages every 1 to 3 seconds. The plan
(BENCH_PLAN, a JSON file written by bench/load.py) names, for each council, the sessions of
each role and the records their journeys open; users are spread over the plan's councils in
turn, and over the servers in BENCH_HOSTS (comma separated) in turn.

| role (users' weight)   | page (task weight)                                              |
|------------------------|-----------------------------------------------------------------|
| programme office (3)   | dashboard (4), tracker filtered by stage and RAG (3), a          |
|                        | proposal (3), the monthly round grid (2), the months (history) |
|                        | (1), a closed month's report (1)                                |
| finance (2)            | financial plan and its gap (3), budget (2), a year's            |
|                        | confirmation form (2), tracker (1)                              |
| directors (2)          | their directorate's tracker (3), a proposal of theirs (3),     |
|                        | the risk register, their directorate (2), dashboard (1)         |
| editors (3)            | the round: a saving's forecast form (3) then POST the forecast  |
|                        | through it (CSRF token and all, 2), the proposal (2),           |
|                        | dashboard (1)                                                   |
| councillors (2)        | dashboard (3), scrutiny (2), indicators (2), performance        |
|                        | report (2)                                                      |
| the public (3)         | /c/<council>/ (3), the year's savings (3), open data (2), a     |
|                        | CSV download (1), the plan (1)                                  |

An editor's POST carries the form's own values (month, year, version, figures) and a
commentary with a marker, ``[load:<run> <user>-<n>]``; every POST answered with the redirect
to the proposal is counted as accepted and written to BENCH_WRITES when the run stops, so
bench/load.py can check each one is in the forecasts' history (none lost). A POST refused
because another editor changed the same forecast first (its version) is a correct refusal,
counted apart as a conflict; any other answer is a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["BENCH_PLAN"]) as _handle:
    PLAN = json.load(_handle)
RUN = PLAN["run"]
HOSTS = itertools.cycle([h for h in os.environ.get("BENCH_HOSTS", "").split(",") if h] or [""])
COUNCILS: dict[str, itertools.cycle] = {}  # role -> the plan's councils, taken in turn
SEATS = {}  # (council code, role) -> how many users of that role sat down there so far
ACCEPTED: list[str] = []
# sightline.core.audit.check_version's refusal, and forecast_record's for a forecast recorded
# meanwhile by someone else
STALE = re.compile(rb"was changed by someone else|was already recorded")
CONFLICTS: list[str] = []


class Form(HTMLParser):
    """The values a browser would send from the page's main form (the one with the CSRF
    token): inputs, checked radios, selected options and textareas."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self.forms = 0
        self._select = None
        self._textarea = None
        self._first_option = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms += 1
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"radio", "checkbox"}:
                if "checked" in a:
                    self.values[name] = a.get("value", "on")
            elif kind not in {"submit", "button"}:
                self.values.setdefault(name, a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._first_option.setdefault(self._select, a.get("value", ""))
            if "selected" in a:
                self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self.values.setdefault(self._select, self._first_option.get(self._select, ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


class Role(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 3)
    network_timeout = 60.0
    connection_timeout = 10.0

    def __init__(self, environment):
        host = next(HOSTS)
        if host:
            self.host = host
        super().__init__(environment)

    def on_start(self):
        councils = COUNCILS.setdefault(self.role, itertools.cycle(PLAN["councils"]))
        self.council = next(councils)
        seat = SEATS.get((self.council["code"], self.role), 0)
        SEATS[(self.council["code"], self.role)] = seat + 1
        self.seat = seat
        sessions = self.council["sessions"].get(self.role, [])
        self.login = sessions[seat % len(sessions)] if sessions else None
        self.cookie = f"sessionid={self.login['session']}" if self.login else ""
        self.fy = self.council["fy"]

    def cookies(self) -> str:
        """The session, and the CSRF cookie once the server has set it: sent back as a
        browser would, so the CSRF secret stays the one the forms were made with."""
        csrf = next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")
        return "; ".join(c for c in (self.cookie, csrf and f"csrftoken={csrf}") if c)

    def page(self, path: str, name: str, expect: bytes = b"</html>"):
        cookies = self.cookies()
        headers = {"Cookie": cookies} if cookies else {}
        with self.client.get(path, headers=headers, name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
            elif expect not in r.content:
                r.failure(f"{expect!r} not on the page")
            return r

    def pick(self, key: str):
        return random.choice(self.council[key])  # noqa: S311 - not security


class ProgrammeOffice(Role):
    role = "programme_office"
    weight = 3

    @task(4)
    def dashboard(self):
        self.page(f"/programme/?fy={self.fy}", "dashboard", b"Savings programme")

    @task(3)
    def tracker_filtered(self):
        stage, rag = random.choice(  # noqa: S311
            [("live", ""), ("live", "red"), ("", "amber"), ("approved", ""), ("", "")]
        )
        self.page(f"/programme/tracker/?fy={self.fy}&stage={stage}&rag={rag}", "tracker")

    @task(3)
    def proposal(self):
        self.page(f"/programme/proposals/{self.pick('proposals')}/", "proposal")

    @task(2)
    def round_grid(self):
        self.page(f"/programme/periods/{self.council['open_period']}/forecasts/", "round grid")

    @task(1)
    def months(self):
        self.page("/programme/periods/", "months (history)")

    @task(1)
    def closed_month(self):
        if self.council["closed_periods"]:
            self.page(f"/programme/periods/{self.pick('closed_periods')}/", "month report")


class Finance(Role):
    role = "finance"
    weight = 2

    @task(3)
    def plan(self):
        self.page("/finance/", "financial plan (gap)")

    @task(2)
    def budget(self):
        self.page("/finance/budget/", "budget")

    @task(2)
    def confirmation(self):
        self.page(f"/programme/proposals/{self.pick('live')}/benefits/", "confirmation form")

    @task(1)
    def tracker(self):
        self.page(f"/programme/tracker/?fy={self.fy}", "tracker")


class Director(Role):
    role = "director"
    weight = 2

    @task(3)
    def tracker(self):
        d = self.login["directorate"]
        self.page(f"/programme/tracker/?fy={self.fy}&directorate={d}", "tracker (directorate)")

    @task(3)
    def proposal(self):
        self.page(f"/programme/proposals/{random.choice(self.login['proposals'])}/", "proposal")  # noqa: S311

    @task(2)
    def risks(self):
        self.page(f"/risks/?directorate={self.login['directorate']}", "risk register")

    @task(1)
    def dashboard(self):
        self.page(f"/programme/?fy={self.fy}", "dashboard", b"Savings programme")


class Editor(Role):
    role = "editor"
    weight = 3

    def on_start(self):
        super().on_start()
        self.written = 0
        self.form = None

    def _proposal(self) -> int:
        # The users sharing a login (more users than logins) take its proposals in turn.
        mine = self.login["proposals"]
        share = self.seat // self.council["editor_logins"]
        return mine[(share + self.written) % len(mine)]

    @task(3)
    def forecast_form(self):
        pk = self._proposal()
        r = self.page(f"/programme/proposals/{pk}/forecast/", "forecast form", b"csrfmiddleware")
        if r.status_code == 200:
            form = Form()
            form.feed(r.text)
            self.form = (pk, form.values)

    @task(2)
    def forecast_post(self):
        if self.form is None:
            self.forecast_form()
            if self.form is None:
                return
        pk, values = self.form
        self.form = None
        marker = f"[load:{RUN} {self.login['username']}-{self.seat}-{self.written}]"
        values = dict(values)
        values["commentary"] = f"Forecast reviewed in the round, unchanged. {marker}"
        values.setdefault("rag", "green")
        if not values.get("forecast"):
            values["forecast"] = "£10k"
        self.written += 1
        headers = {
            "Cookie": self.cookies(),
            "Referer": f"{self.client.base_url}/programme/proposals/{pk}/forecast/",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        with self.client.post(
            f"/programme/proposals/{pk}/forecast/",
            data=urlencode(values),
            headers=headers,
            name="forecast POST",
            catch_response=True,
            allow_redirects=False,
        ) as r:
            if r.status_code == 302 and f"/programme/proposals/{pk}/" in (
                r.headers.get("Location") or ""
            ):
                ACCEPTED.append(marker)
            elif r.status_code == 200 and STALE.search(r.content or b""):
                CONFLICTS.append(marker)  # refused: someone changed it first; not lost
            else:
                r.failure(f"HTTP {r.status_code}: the forecast was not accepted")

    @task(2)
    def proposal(self):
        self.page(f"/programme/proposals/{self._proposal()}/", "proposal")

    @task(1)
    def dashboard(self):
        self.page(f"/programme/?fy={self.fy}", "dashboard", b"Savings programme")


class Councillor(Role):
    role = "councillor"
    weight = 2

    @task(3)
    def dashboard(self):
        self.page(f"/programme/?fy={self.fy}", "dashboard", b"Savings programme")

    @task(2)
    def scrutiny(self):
        self.page("/scrutiny/", "scrutiny")

    @task(2)
    def indicators(self):
        self.page("/indicators/", "indicators")

    @task(2)
    def performance(self):
        self.page("/reports/performance/", "performance report")


class Public(Role):
    role = "public"
    weight = 3

    @task(3)
    def home(self):
        self.page(f"/c/{self.council['slug']}/", "public home")

    @task(3)
    def savings(self):
        c = self.council
        self.page(f"/c/{c['slug']}/savings/{c['year_slug']}/", "public savings")

    @task(2)
    def data(self):
        self.page(f"/c/{self.council['slug']}/data/", "open data")

    @task(1)
    def csv(self):
        self.page(
            f"/c/{self.council['slug']}/data/savings-{self.council['year_slug']}.csv",
            "open data CSV",
            b",",
        )

    @task(1)
    def plan(self):
        self.page(f"/c/{self.council['slug']}/plan/", "public plan")


@events.test_stop.add_listener
def _written(environment, **kwargs):
    path = os.environ.get("BENCH_WRITES")
    if path:
        with open(path, "w") as handle:
            json.dump({"accepted": ACCEPTED, "conflicts": CONFLICTS}, handle)
