"""Skips are counted and, in CI, a skipped browser, Redis or PostgreSQL test fails the run.

A test that needs a service is marked by the fixture it uses (`open_browser`, `redis_url`,
`postgresql`), so no test can forget its marker. Outside CI those tests skip with a reason when
the service is missing (a laptop without Chromium still runs the rest); in CI (`CI` set, as
`.ci/run` does) the run must prove the product works with every service, so it must be on
PostgreSQL and no such test may be skipped."""

import os

import pytest

SERVICE_OF_FIXTURE = {"open_browser": "browser", "redis_url": "redis", "postgresql": "postgresql"}


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


class SkipAccounting:
    def __init__(self):
        self.skipped: list[str] = []
        self.skipped_needing_a_service: list[str] = []

    def pytest_collection_modifyitems(self, items):
        for item in items:
            for fixture, service in SERVICE_OF_FIXTURE.items():
                if fixture in item.fixturenames:
                    item.add_marker(service)

    def pytest_runtest_logreport(self, report):
        if not report.skipped or hasattr(report, "wasxfail"):
            return
        self.skipped.append(report.nodeid)
        if set(SERVICE_OF_FIXTURE.values()) & set(report.keywords):
            self.skipped_needing_a_service.append(report.nodeid)

    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.write_line(
            f"skipped tests: {len(self.skipped)}, of which need a browser, Redis or "
            f"PostgreSQL: {len(self.skipped_needing_a_service)}"
        )
        if self.skipped_needing_a_service and in_ci():
            terminalreporter.write_line("CI must not skip a test for a missing service; these were skipped:", red=True)
            for nodeid in self.skipped_needing_a_service:
                terminalreporter.write_line(f"  {nodeid}", red=True)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session, exitstatus):
        # Only a passing run is turned into a failure: "no tests ran" (5) and every other
        # failure keep their own exit code.
        if in_ci() and self.skipped_needing_a_service and exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_configure(config):
    if in_ci() and not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise pytest.UsageError("CI runs on PostgreSQL: set DATABASE_URL=postgres://… (.ci/run does).")
    config.pluginmanager.register(SkipAccounting(), "skip-accounting-counter")
