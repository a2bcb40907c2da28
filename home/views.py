from django.shortcuts import render

from accounts import selectors


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home/home_anonymous.html")
    context = {"cohorts": selectors.cohorts_joined_by(request.user)}
    return render(request, "home/home.html", context)
