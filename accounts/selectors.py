"""Reads of accounts and cohorts."""

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Cohort, Membership, User


def cohorts_run_by(user: User) -> QuerySet[Cohort]:
    """The one rule for which cohorts a user runs: whose members' practice they may see and
    manage as staff. Administrators run every cohort, staff the ones they run, anyone else none."""
    if not user.is_authenticated or not user.is_career_staff:
        return Cohort.objects.none()
    return Cohort.objects.all() if user.role == User.Role.ADMIN else user.staffed_cohorts.all()


def with_member_counts(cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
    return cohorts.annotate(member_count=Count("members", distinct=True))


def cohorts_joined_by(user: User) -> QuerySet[Cohort]:
    return user.cohorts.all()


def cohort_run_by(user: User, pk: int) -> Cohort:
    """A cohort this staff member may manage, or 404 (not 403: don't reveal other cohorts)."""
    return get_object_or_404(cohorts_run_by(user), pk=pk)


def memberships_of(cohort: Cohort) -> QuerySet[Membership]:
    return cohort.membership_set.select_related("user").order_by("user__email")


def memberships_of_user(user: User) -> QuerySet[Membership]:
    return user.membership_set.select_related("cohort").order_by("cohort__name")
