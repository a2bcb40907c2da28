from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Everyone signs up as a candidate; staff roles are granted by an administrator.
        user.role = user.Role.CANDIDATE
        return super().save_user(request, user, form, commit)

    def get_login_redirect_url(self, request):
        # Career-centre staff start from their cohorts; a ?next= link still wins (allauth checks it first).
        if request.user.is_career_staff:
            return reverse("staff_dashboard")
        return super().get_login_redirect_url(request)
