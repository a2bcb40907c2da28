import pytest

from accounts.models import User
from accounts.services import create_cohort
from tests.conftest import log_in, make_user, screenshot

pytestmark = pytest.mark.browser


def test_a_student_signs_up_and_joins_their_cohort_with_the_keyboard(browser_page):
    staff = make_user("counsellor@example.edu", role=User.Role.STAFF)
    cohort = create_cohort(staff_member=staff, name="BSc Computing 2027")
    page = browser_page

    page.goto("/")
    screenshot(page, "home-anonymous")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill("student@example.edu")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password (again)").fill("short")
    page.get_by_role("button", name="Sign Up").click()
    assert page.locator(".field-error").first.is_visible()  # the error sits by its field
    screenshot(page, "signup-errors")

    page.get_by_label("Password", exact=True).fill("a long and unusual passphrase")
    page.get_by_label("Password (again)").fill("a long and unusual passphrase")
    page.get_by_label("Password (again)").press("Enter")
    page.get_by_role("heading", name="Welcome, student").wait_for()

    page.goto(f"/join/{cohort.invite_code}/")
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.get_by_role("button", name="Join cohort").focus()
    page.keyboard.press("Enter")
    page.get_by_text("You joined “BSc Computing 2027”").wait_for()
    screenshot(page, "cohorts-joined")

    assert list(User.objects.get(email="student@example.edu").cohorts.all()) == [cohort]


def test_staff_see_the_invite_code_on_their_cohort_page(browser_page):
    make_user("counsellor@example.edu", role=User.Role.STAFF)
    page = browser_page

    log_in(page, "counsellor@example.edu")
    page.goto("/cohorts/new/")
    page.get_by_label("Name").fill("MBA Careers")
    page.get_by_role("button", name="Create cohort").click()

    code = page.locator(".invite-code").inner_text()
    assert code == User.objects.get(email="counsellor@example.edu").staffed_cohorts.get().invite_code
    page.set_viewport_size({"width": 390, "height": 800})
    screenshot(page, "cohort-detail-phone")
