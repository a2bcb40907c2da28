from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts import services
from accounts.forms import DeleteAccountForm


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        messages.success(request, "Your account, interviews, recordings and résumés have been deleted.")
        return redirect("home")
    return render(request, "accounts/delete_account.html", {"form": form})
