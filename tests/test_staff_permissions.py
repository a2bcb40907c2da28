"""Who gets what, for every cohort and staff-workspace URL: anonymous visitors are sent to log
in; candidates, members or not, get 403 on staff pages; staff of another cohort get 404 (the
cohort's existence isn't revealed); the cohort's staff and administrators get the page. A
member's own leaderboard switch is theirs alone (404 for anyone else)."""

import pytest

from accounts.models import Membership
from accounts.services import create_cohort
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "non_member", "cohort_staff", "other_staff", "admin")
LOGIN = "login"  # a redirect to the login page

STAFF_PAGE = dict(anonymous=LOGIN, member=403, non_member=403, cohort_staff=200, other_staff=404, admin=200)
STAFF_ACTION = dict(STAFF_PAGE, cohort_staff=302, admin=302)

# (method, URL, expected status by role, text that the page shows to those who may see the
# cohort's data and to nobody else: an allowed page of another cohort's staff must not leak it).
NAME, MEMBER_EMAIL = "MSc Data Science 2027", "ada@example.edu"
MATRIX = [
    ("get", "/staff/", dict(STAFF_PAGE, other_staff=200), NAME),
    (
        "get",
        "/cohorts/",
        dict(anonymous=LOGIN, member=200, non_member=200, cohort_staff=200, other_staff=200, admin=200),
        NAME,
    ),
    ("get", "/cohorts/new/", dict(STAFF_PAGE, other_staff=200), None),
    ("post", "/cohorts/new/", dict(STAFF_ACTION, other_staff=302), None),
    (
        "post",
        "/cohorts/join/",
        dict(anonymous=LOGIN, member=302, non_member=302, cohort_staff=302, other_staff=302, admin=302),
        None,
    ),
    ("get", "/cohorts/{cohort}/", STAFF_PAGE, "{code}"),
    ("post", "/cohorts/{cohort}/renew-invite/", STAFF_ACTION, None),
    ("post", "/cohorts/{cohort}/language-model/", STAFF_ACTION, None),
    ("get", "/cohorts/{cohort}/roster/", STAFF_PAGE, MEMBER_EMAIL),
    ("get", "/cohorts/{cohort}/roster.csv", STAFF_PAGE, MEMBER_EMAIL),
    ("get", "/cohorts/{cohort}/results.csv", STAFF_PAGE, None),
    ("get", "/cohorts/{cohort}/analytics/", STAFF_PAGE, NAME),
    ("get", "/cohorts/{cohort}/invite/", STAFF_PAGE, NAME),
    ("post", "/cohorts/{cohort}/invite/", STAFF_PAGE, "new.student@example.edu"),  # the page shows what happened
    ("get", "/cohorts/{cohort}/students/{member}/", STAFF_PAGE, MEMBER_EMAIL),
    ("get", "/cohorts/{cohort}/students/{non_member}/", dict(STAFF_PAGE, cohort_staff=404, admin=404), None),
    ("get", "/cohorts/{cohort}/students/{member}/remove/", STAFF_PAGE, MEMBER_EMAIL),
    ("post", "/cohorts/{cohort}/students/{member}/remove/", STAFF_ACTION, None),
    ("post", "/cohorts/{cohort}/leaderboard/", STAFF_ACTION, None),
    (
        "post",
        "/cohorts/{cohort}/leaderboard/me/",
        dict(anonymous=LOGIN, member=302, non_member=404, cohort_staff=404, other_staff=404, admin=404),
        None,
    ),
    (
        "post",
        "/cohorts/{cohort}/leave/",
        dict(anonymous=LOGIN, member=302, non_member=302, cohort_staff=302, other_staff=302, admin=302),
        None,
    ),
    (
        "get",
        "/join/{code}/",
        dict(anonymous=LOGIN, member=200, non_member=200, cohort_staff=200, other_staff=200, admin=200),
        None,
    ),
]
# Who may see the cohort's own data on a page they are allowed to open (the cohort list shows
# a member the cohorts they joined).
SEES = {"cohort_staff", "admin"}
SEES_ON = {"/cohorts/": SEES | {"member"}}


@pytest.fixture
def people(db):
    cohort_staff = make_user("counsellor@example.edu", role="staff")
    cohort = create_cohort(staff_member=cohort_staff, name="MSc Data Science 2027")
    other_staff = make_user("other-counsellor@example.edu", role="staff")
    create_cohort(staff_member=other_staff, name="Careers fair prep")
    member = make_user("ada@example.edu")
    Membership.objects.create(user=member, cohort=cohort)
    admin = make_user("admin@example.edu", role="admin")
    users = dict(
        anonymous=None,
        member=member,
        non_member=make_user("grace@example.edu"),
        cohort_staff=cohort_staff,
        other_staff=other_staff,
        admin=admin,
    )
    return cohort, users


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, url, expected, shows", MATRIX, ids=[f"{m} {u}" for m, u, _, _ in MATRIX])
def test_each_role_gets_exactly_the_right_response(client, people, role, method, url, expected, shows):
    cohort, users = people
    path = url.format(
        cohort=cohort.pk, member=users["member"].pk, non_member=users["non_member"].pk, code=cohort.invite_code
    )
    if users[role] is not None:
        client.force_login(users[role])
    data = {
        "/cohorts/new/": {"name": "Evening MBA 2028", "description": ""},
        "/cohorts/join/": {"code": cohort.invite_code},
        f"/cohorts/{cohort.pk}/invite/": {"addresses": "new.student@example.edu"},
    }.get(path, {})

    response = getattr(client, method)(path, data)

    if expected[role] == LOGIN:
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
        return
    assert response.status_code == expected[role]
    if response.status_code == 302:
        assert not response.url.startswith("/accounts/login/")
    if response.status_code == 200 and shows:
        content = response.content.decode()
        assert (shows.format(code=cohort.invite_code) in content) == (role in SEES_ON.get(url, SEES)), content[:2000]


def test_refused_requests_change_nothing(client, people):
    cohort, users = people
    for role in ("member", "non_member", "other_staff"):
        client.force_login(users[role])
        client.post(f"/cohorts/{cohort.pk}/students/{users['member'].pk}/remove/")
        client.post(f"/cohorts/{cohort.pk}/leaderboard/", {"enabled": "on"})
        client.post(f"/cohorts/{cohort.pk}/invite/", {"addresses": "x@example.edu"})
    cohort.refresh_from_db()

    assert Membership.objects.filter(user=users["member"], cohort=cohort).exists()
    assert not cohort.leaderboard_enabled and not cohort.invitations.exists()
