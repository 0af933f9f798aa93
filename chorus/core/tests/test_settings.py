"""The settings read the environment as .env.example documents; checked in fresh processes."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def _manage(*args, env_extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests in this process
        }
    }
    env.update({"CHORUS_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"})
    env.update(env_extra)
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "SECRET_KEY": "x" * 20 + "-production-secret-with-enough-variety-0123456789",
            "DEBUG": "off",
            "CHORUS_HTTPS": "on",
            "ALLOWED_HOSTS": "chorus.example.com",
            "EMAIL_URL": "smtp+tls://chorus:secret@mail.example.com:587",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_secret_key_is_generated_once_and_kept_in_the_data_folder(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = _manage("shell", "--no-imports", "-c", code, env_extra={}, tmp_path=tmp_path)
    second = _manage("shell", "--no-imports", "-c", code, env_extra={}, tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "secret_key").read_text().strip()
    assert len(key) >= 50
    assert first.stdout.strip() == second.stdout.strip() == key


def test_the_default_database_is_sqlite_in_wal_mode_in_the_data_folder(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0], connection.settings_dict['NAME'])"
    )
    result = _manage("shell", "--no-imports", "-c", code, env_extra={}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    mode, name = result.stdout.split()
    assert mode == "wal"
    assert name == str(tmp_path / "chorus.sqlite3")


def test_debug_is_off_unless_asked(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG)"
    assert (
        _manage("shell", "--no-imports", "-c", code, env_extra={}, tmp_path=tmp_path).stdout.strip()
        == "False"
    )
    on = _manage("shell", "--no-imports", "-c", code, env_extra={"DEBUG": "on"}, tmp_path=tmp_path)
    assert on.stdout.strip() == "True"


def test_email_url_configures_the_mail_backend(tmp_path):
    code = (
        "from django.conf import settings; m = settings.MAILERS['default']; "
        "print(m['BACKEND'], m['OPTIONS'].get('port'))"
    )
    default = _manage("shell", "--no-imports", "-c", code, env_extra={}, tmp_path=tmp_path).stdout
    assert "console" in default
    smtp = _manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env_extra={"EMAIL_URL": "smtp://127.0.0.1:1025"},
        tmp_path=tmp_path,
    ).stdout
    assert "smtp.EmailBackend 1025" in smtp
