"""The staff workspace in Chromium: from the Staff link to the dashboard, the roster, a bulk
invite with a bad row, and the analytics page whose charts plotly.js (served from static/) draws."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import create_cohort
from tests.cohort_data import MARKETING, SQL, finished, member
from tests.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_staff_go_from_the_dashboard_to_the_roster_invites_and_analytics(browser_page, staff):
    cohort = create_cohort(staff_member=staff, name="MSc Data Science 2027")
    now = timezone.now()
    for i, name in enumerate(("Ada", "Grace", "Alan", "Katherine", "Edsger")):
        student = member(cohort, f"{name.lower()}@example.edu", first_name=name, last_name="Student")
        for week in range(i % 4 + 1):
            right = 3 - week if name == "Alan" else min(3, 1 + week)  # Alan falls behind, the others improve
            finished(
                student,
                now - timedelta(days=7 * (4 - week) - i),
                right=right,
                wrong=min(3 - right, 1),
                field=(SQL, MARKETING)[week % 2],
            )
    member(cohort, "barbara@example.edu")  # joined, never practised
    page = browser_page
    log_in(page, staff.email)

    page.get_by_role("link", name="Staff").click()
    page.wait_for_url("**/staff/")
    assert "No finished interview since joining" in page.locator(".attention-list").inner_text()
    screenshot(page, "staff-dashboard")

    page.locator(".staff-cohorts").get_by_role("link", name="MSc Data Science 2027").click()
    page.wait_for_url(f"**/cohorts/{cohort.pk}/roster/")
    assert page.locator(".roster tbody tr").count() == 6
    screenshot(page, "staff-roster")

    page.get_by_role("link", name="Invite by email").click()
    page.get_by_label("Email addresses").fill("new.student@example.edu\nbob@\nada@example.edu")
    page.get_by_role("button", name="Send invitations").click()
    assert page.locator(".row-problems").inner_text() == "line 2: 'bob@' is not an email address"
    assert "line 3: ada@example.edu" in page.locator(".invite-outcome").inner_text()
    screenshot(page, "staff-invite")

    page.get_by_role("link", name="Analytics").click()
    for name in ("distribution", "weekly", "key_points", "domains"):
        page.locator(f'[data-chart="{name}"] .main-svg').first.wait_for()
    screenshot(page, "staff-analytics")
