import subprocess
import sys

from tests.conftest import ROOT

PRODUCTION = {
    "APP_MODE": "production",
    "SECRET_KEY": "x9$k2!p0-very-long-random-secret-key-for-tests-only-4f8a7c2d1e0b",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "careers.example.edu",
    "EMAIL_HOST": "smtp.example.edu",
    "PATH": "/usr/bin:/bin",
}


def manage(*args, **env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_settings_pass_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}

    result = manage("check", **env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set when APP_MODE=production." in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": "short"})

    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 random characters." in result.stderr


def test_production_needs_every_service_configured():
    for name in ("DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "EMAIL_HOST"):
        env = {k: v for k, v in PRODUCTION.items() if k != name}
        result = manage("check", **env)
        assert result.returncode != 0 and f"{name} must be set when APP_MODE=production." in result.stderr, name


def test_the_embedded_mode_needs_nothing(tmp_path):
    result = manage("check", PATH="/usr/bin:/bin", DATA_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
