from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Everyone signs up as a candidate; staff roles are granted by an administrator.
        user.role = user.Role.CANDIDATE
        return super().save_user(request, user, form, commit)
