"""The load test's user: a programme officer with a signed-in session opening the dashboard
every 1 to 3 seconds. Run by bench/load.py; sessions come from BENCH_SESSIONS."""

import itertools
import os

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

SESSIONS = itertools.cycle(os.environ["BENCH_SESSIONS"].split(","))
PATH = os.environ.get("BENCH_PATH", "/programme/")


class ProgrammeOfficer(FastHttpUser):
    wait_time = between(1, 3)
    network_timeout = 60.0
    connection_timeout = 10.0

    def on_start(self):
        self.cookie = f"sessionid={next(SESSIONS)}"

    @task
    def dashboard(self):
        with self.client.get(
            PATH, headers={"Cookie": self.cookie}, name="dashboard", catch_response=True
        ) as response:
            if response.status_code != 200 or b"Savings programme" not in response.content:
                response.failure(f"HTTP {response.status_code}")
