"""A résumé on its way through the site, as a test follows it: waiting until an upload has been
read, and the profile page's form as a browser would post it back."""

import time

from resumes.models import Resume


def wait_until_read(resume_id: int, timeout: float = 30) -> Resume:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        resume = Resume.objects.get(pk=resume_id)
        if resume.status in (Resume.Status.DONE, Resume.Status.FAILED):
            return resume
        time.sleep(0.1)
    raise TimeoutError(f"résumé {resume_id} still {resume.status}")


def posted_form(response) -> dict:
    """What the browser would send back for the profile page as rendered."""
    data = {}
    forms = [response.context["form"]]
    for formset in response.context["formsets"].values():
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value not in (None, False):
                data[field.html_name] = "on" if value is True else value
    return data
