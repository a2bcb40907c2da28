"""Writes to accounts and cohorts. Views, commands and tests call these."""

from allauth.account.models import EmailAddress
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import (
    Cohort,
    Membership,
    User,
    invite_expiry,
    new_invite_code,
    user_folder,
)
from config.mail import delete_messages_to


class InviteError(Exception):
    """A cohort invite that cannot be used; the message is shown to the user as it is."""


def create_cohort(*, staff_member: User, name: str, description: str = "") -> Cohort:
    cohort = Cohort.objects.create(name=name, description=description, created_by=staff_member)
    cohort.staff.add(staff_member)
    return cohort


def renew_invite(cohort: Cohort) -> Cohort:
    """A new code and link; the old ones stop working at once."""
    cohort.invite_code = new_invite_code()
    cohort.invite_expires_at = invite_expiry()
    cohort.save(update_fields=["invite_code", "invite_expires_at"])
    return cohort


def set_llm_allowed(cohort: Cohort, allowed: bool) -> Cohort:
    """Whether members' interviews may use the server's language model (see interviewer.selectors.llm_provider_for)."""
    cohort.llm_allowed = allowed
    cohort.save(update_fields=["llm_allowed"])
    return cohort


def set_camera_analysis(cohort: Cohort, *, analysis: bool, expressions: bool) -> Cohort:
    """Whether members' camera may be analysed, and their expressions read (each only where the
    server allows it too: interviewer.selectors.camera_policy_for). Applies to interviews started
    from now on."""
    cohort.camera_analysis_allowed = analysis
    cohort.expression_analysis_allowed = expressions
    cohort.save(update_fields=["camera_analysis_allowed", "expression_analysis_allowed"])
    return cohort


def find_cohort_by_invite(code: str) -> Cohort:
    normalised = code.strip().upper().replace("-", "").replace(" ", "")
    cohort = Cohort.objects.filter(invite_code=normalised).first()
    if cohort is None:
        raise InviteError("That invite code doesn't match any cohort. Check it with your career centre.")
    if cohort.invite_expires_at <= timezone.now():
        raise InviteError(f"The invite for “{cohort.name}” has expired. Ask your career centre for a new link.")
    return cohort


def join_cohort(*, user: User, code: str) -> tuple[Cohort, bool]:
    """Returns the cohort and whether the user was newly added."""
    cohort = find_cohort_by_invite(code)
    try:
        with transaction.atomic():
            Membership.objects.create(user=user, cohort=cohort)
    except IntegrityError:
        return cohort, False
    return cohort, True


def leave_cohort(*, user: User, cohort: Cohort) -> bool:
    deleted, _ = Membership.objects.filter(user=user, cohort=cohort).delete()
    return deleted > 0


def delete_account(user: User) -> None:
    """Removes the user, everything linked to them in the database (by cascade), every file
    they own in the private storage and the emails kept for them on the server."""
    folder = user_folder(user.pk)
    addresses = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    with transaction.atomic():
        user.delete()
    delete_folder(folder)
    delete_messages_to(addresses)


def delete_folder(folder: str) -> None:
    if not default_storage.exists(folder):
        return
    subfolders, files = default_storage.listdir(folder)
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    for name in subfolders:
        delete_folder(f"{folder}/{name}")
    default_storage.delete(folder)


def remove_member(cohort: Cohort, user: User) -> bool:
    """Takes a student out of the cohort (staff's choice): its staff no longer see their practice."""
    deleted, _ = Membership.objects.filter(user=user, cohort=cohort).delete()
    return deleted > 0


def set_leaderboard_enabled(cohort: Cohort, enabled: bool) -> Cohort:
    cohort.leaderboard_enabled = enabled
    cohort.save(update_fields=["leaderboard_enabled"])
    return cohort


def set_on_leaderboard(membership: Membership, on: bool) -> Membership:
    membership.on_leaderboard = on
    membership.save(update_fields=["on_leaderboard"])
    return membership
