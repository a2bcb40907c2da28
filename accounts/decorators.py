from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def career_staff_required(view):
    """Pages for career-centre staff and administrators; candidates get 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_career_staff:
            raise PermissionDenied("This page is for career-centre staff.")
        return view(request, *args, **kwargs)

    return wrapper
