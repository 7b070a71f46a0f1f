import os
import subprocess
import sys


def test_check_deploy_reports_no_warnings_with_production_settings(tmp_path):
    (tmp_path / "assets").mkdir()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "a-real-secret-" + "x" * 50,
        "ALLOWED_HOSTS": "sightline.example.org",
        "SIGHTLINE_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set in-process for the browser tests only
    result = subprocess.run(
        [sys.executable, "-m", "sightline.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_missing_secret_key(tmp_path):
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "", "SIGHTLINE_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "sightline.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
