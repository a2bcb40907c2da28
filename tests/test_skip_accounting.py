"""The run counts its skips, and in CI a test skipped for a missing browser, Redis or PostgreSQL
fails it (tests/skip_accounting.py), checked on small suites run by pytest itself."""

import pytest

SERVICE_FIXTURES = """
import pytest

@pytest.fixture
def redis_url():
    pytest.skip("no Redis here")

@pytest.fixture
def open_browser():
    pytest.skip("no Chromium here")
"""


def run(pytester, tests: str, *, ci: bool, monkeypatch, database_url="postgres://postgres@127.0.0.1:5432/test"):
    monkeypatch.delenv("CI", raising=False)
    if ci:
        monkeypatch.setenv("CI", "1")
    monkeypatch.setenv("DATABASE_URL", database_url)
    pytester.makeconftest(SERVICE_FIXTURES)
    pytester.makepyfile(test_suite=tests)
    return pytester.runpytest(
        "-p", "tests.skip_accounting", "-p", "no:django", "-p", "no:asyncio", "-p", "no:cacheprovider"
    )


A_REDIS_TEST_AND_A_PASSING_ONE = """
def test_uses_redis(redis_url):
    assert redis_url

def test_passes():
    assert 1 + 1 == 2
"""


def test_in_ci_a_test_skipped_for_want_of_redis_fails_the_run(pytester, monkeypatch):
    result = run(pytester, A_REDIS_TEST_AND_A_PASSING_ONE, ci=True, monkeypatch=monkeypatch)

    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "skipped tests: 1, of which need a browser, Redis or PostgreSQL: 1",
            "CI must not skip a test for a missing service; these were skipped:",
            "  test_suite.py::test_uses_redis",
        ]
    )


def test_in_ci_a_test_skipped_for_want_of_a_browser_fails_the_run(pytester, monkeypatch):
    result = run(pytester, "def test_page(open_browser):\n    assert open_browser\n", ci=True, monkeypatch=monkeypatch)

    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["  test_suite.py::test_page"])


def test_outside_ci_the_same_skip_is_counted_and_the_run_passes(pytester, monkeypatch):
    result = run(pytester, A_REDIS_TEST_AND_A_PASSING_ONE, ci=False, monkeypatch=monkeypatch)

    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["skipped tests: 1, of which need a browser, Redis or PostgreSQL: 1"])
    assert "CI must not skip" not in result.stdout.str()


def test_in_ci_a_skip_unrelated_to_a_service_is_counted_but_allowed(pytester, monkeypatch):
    tests = "import pytest\n\ndef test_online_only():\n    pytest.skip('Google is reachable')\n"

    result = run(pytester, tests, ci=True, monkeypatch=monkeypatch)

    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["skipped tests: 1, of which need a browser, Redis or PostgreSQL: 0"])


def test_in_ci_a_run_with_no_tests_is_not_a_success(pytester, monkeypatch):
    result = run(pytester, "def helper():\n    pass\n", ci=True, monkeypatch=monkeypatch)

    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_in_ci_a_failure_keeps_its_exit_code(pytester, monkeypatch):
    result = run(
        pytester,
        "def test_broken(redis_url):\n    pass\n\ndef test_fails():\n    assert 1 == 2\n",
        ci=True,
        monkeypatch=monkeypatch,
    )

    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(failed=1, skipped=1)


def test_ci_refuses_to_run_on_sqlite(pytester, monkeypatch):
    result = run(pytester, A_REDIS_TEST_AND_A_PASSING_ONE, ci=True, monkeypatch=monkeypatch, database_url="")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*CI runs on PostgreSQL: set DATABASE_URL=postgres://*"])
