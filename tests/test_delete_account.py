import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from accounts.models import Cohort, Membership, User, user_folder
from accounts.services import create_cohort, join_cohort


def store_file(user, name, content=b"data"):
    return default_storage.save(f"{user_folder(user.pk)}/{name}", ContentFile(content))


@pytest.mark.django_db
def test_deleting_an_account_removes_the_user_their_memberships_and_files(client, candidate, other_candidate, staff):
    cohort = create_cohort(staff_member=staff, name="Class of 2027")
    join_cohort(user=candidate, code=cohort.invite_code)
    recording = store_file(candidate, "recordings/interview-1/answer-1.webm")
    resume = store_file(candidate, "resumes/cv.pdf")
    someone_elses = store_file(other_candidate, "resumes/cv.pdf")
    client.force_login(candidate)

    response = client.post("/account/delete/", {"password": "correct horse battery"})

    assert response.status_code == 302
    assert not User.objects.filter(email="ada@example.edu").exists()
    assert not Membership.objects.exists()
    assert Cohort.objects.filter(pk=cohort.pk).exists()
    assert not default_storage.exists(recording) and not default_storage.exists(resume)
    assert not default_storage.exists(user_folder(candidate.pk))
    assert default_storage.exists(someone_elses)
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.django_db
def test_a_wrong_password_keeps_the_account(client, candidate):
    client.force_login(candidate)

    response = client.post("/account/delete/", {"password": "not my password"})

    assert response.status_code == 200
    assert b"That password is not correct." in response.content
    assert User.objects.filter(pk=candidate.pk).exists()
