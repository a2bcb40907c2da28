"""Résumé pages: upload (or paste) with progress, the profile read from it, job readiness, and
the profile as CSV. Every page shows only the signed-in user's own résumé and profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from config.downloads import csv_response
from interviewer.engine.resume import profile as engine_profile
from interviewer.engine.resume.readiness import readiness
from resumes import selectors, services
from resumes.forms import (
    ENTRY_FORMSETS,
    JobDescriptionForm,
    PasteResumeForm,
    ProfileForm,
    ResumeUploadForm,
)


@login_required
def resume_home(request):
    return _render_home(request, ResumeUploadForm(), PasteResumeForm())


def _render_home(request, upload_form, paste_form, status=200):
    context = {
        "upload_form": upload_form,
        "paste_form": paste_form,
        "resume": selectors.latest_resume_of(request.user),
        "profile": selectors.profile_of(request.user),
    }
    return render(request, "resumes/home.html", context, status=status)


@login_required
@require_POST
def resume_upload(request):
    form = ResumeUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            return redirect(services.upload_resume(request.user, form.cleaned_data["file"], form.kind))
        except services.ResumeRefused as refusal:
            form.add_error("file", str(refusal))
    return _render_home(request, form, PasteResumeForm(), status=400)


@login_required
@require_POST
def resume_paste(request):
    form = PasteResumeForm(request.POST)
    if form.is_valid():
        try:
            services.read_pasted_text(request.user, form.cleaned_data["text"])
        except services.ResumeRefused as refusal:
            form.add_error("text", str(refusal))
    if not form.is_valid():
        return _render_home(request, ResumeUploadForm(), form, status=400)
    messages.success(request, "Your résumé was read. Check each field below and correct anything we got wrong.")
    return redirect("resume_profile")


@login_required
def resume_status(request, pk):
    """Progress of reading one résumé; the page follows it live (static/js/events.js)."""
    return render(request, "resumes/status.html", {"resume": selectors.resume_of(request.user, pk)})


@login_required
def resume_file(request, pk):
    """The uploaded file, to its owner only."""
    resume = selectors.resume_of(request.user, pk)
    if not resume.file or not resume.file.storage.exists(resume.file.name):
        raise Http404("This résumé has no file (it was pasted as text, or it could not be read).")
    content_type = {"pdf": "application/pdf"}.get(
        resume.kind, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return FileResponse(
        resume.file.open("rb"),
        content_type=content_type,
        as_attachment=True,
        filename=resume.original_name or f"resume.{resume.kind}",
    )


@login_required
@require_POST
def resume_delete(request, pk):
    services.delete_resume(selectors.resume_of(request.user, pk))
    messages.success(request, "The résumé file was deleted. Your profile stays until you change it.")
    return redirect("resume_home")


@login_required
def resume_profile(request):
    profile = selectors.profile_of(request.user)
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, instance=profile)
    formsets = {
        name: formset_class(data, prefix=name, initial=getattr(profile, name) if profile else None)
        for name, formset_class in ENTRY_FORMSETS.items()
    }
    if data is not None and form.is_valid() and all(f.is_valid() for f in formsets.values()):
        entries = {name: [e for e in (f.entry() for f in formset.forms) if e] for name, formset in formsets.items()}
        services.update_profile(request.user, form.cleaned_data, **entries)
        messages.success(request, "Profile saved.")
        return redirect("resume_profile")
    context = {
        "form": form,
        "formsets": formsets,
        "profile": profile,
        "missing": selectors.to_engine(profile).missing_sections() if profile else [],
        "unsure_count": selectors.unsure_count(profile) if profile else 0,
        "unsure_below": engine_profile.UNSURE,
    }
    return render(request, "resumes/profile.html", context, status=400 if data is not None else 200)


@login_required
def resume_readiness(request):
    profile = selectors.profile_of(request.user)
    if profile is None:
        messages.info(request, "Upload or paste your résumé first: the readiness score is measured on its profile.")
        return redirect("resume_home")
    form = JobDescriptionForm(request.POST or None, initial={"job_description": profile.job_description})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            profile = services.save_job_description(request.user, form.cleaned_data["job_description"])
        else:
            status = 400
    result = readiness(selectors.to_engine(profile), profile.job_description)
    return render(request, "resumes/readiness.html", {"form": form, "result": result}, status=status)


@login_required
def resume_profile_csv(request):
    profile = selectors.engine_profile_of(request.user)
    if profile is None:
        raise Http404("There is no profile yet.")
    return csv_response("profile.csv", selectors.PROFILE_CSV_COLUMNS, selectors.profile_rows(profile))
