"""python manage.py read_resume FILE [--json] [--job-description FILE]

Reads a résumé (PDF, DOCX, or a .txt of pasted text) the way the Résumé page does and prints the
profile and the readiness score, for support staff looking into what a candidate saw and for
evaluations. Nothing is stored. A file the page would refuse is refused with the same message.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviewer.engine.resume.extract import MAX_BYTES, UnreadableResume, extract_text
from interviewer.engine.resume.profile import UNSURE, parse_profile
from interviewer.engine.resume.readiness import readiness


class Command(BaseCommand):
    help = (
        "Prints the profile and readiness read from a résumé file (PDF, DOCX or pasted text in a .txt). Stores nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .pdf, .docx, or .txt holding pasted résumé text")
        parser.add_argument("--json", action="store_true", help="print one JSON object: {profile, readiness}")
        parser.add_argument(
            "--job-description", metavar="FILE", help="a text file with a job advert to match the skills against"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{path} is over {MAX_BYTES // 1024 // 1024} MB; the Résumé page refuses it too.")
        job_description = (
            Path(options["job_description"]).read_text(encoding="utf-8") if options["job_description"] else ""
        )
        if path.suffix.lower() == ".txt":
            profile = parse_profile(path.read_text(encoding="utf-8", errors="replace"))
        else:
            try:
                extracted = extract_text(path.read_bytes())
            except UnreadableResume as refusal:
                raise CommandError(f"Refused ({refusal.reason}): {refusal}") from refusal
            profile = parse_profile(extracted.text, extracted.links, extracted.headings)
        result = readiness(profile, job_description)
        if options["json"]:
            self.stdout.write(
                json.dumps({"profile": profile.to_dict(), "readiness": result.to_dict()}, indent=2, ensure_ascii=False)
            )
            return
        self._print_profile(profile)
        self._print_readiness(result)

    def _print_profile(self, profile):
        write = self.stdout.write
        unsure = set(profile.unsure)
        for name in ("name", "email", "phone", "linkedin", "github", "portfolio"):
            write(f"{name:10} {getattr(profile, name) or '–'}{'   (unsure)' if name in unsure else ''}")
        if profile.summary:
            write(f"\nSummary\n  {profile.summary}")
        write(f"\nSkills ({len(profile.skills)})\n  {', '.join(profile.skills) or '–'}")
        write(f"\nExperience ({len(profile.experience)})")
        for job in profile.experience:
            flag = "   (unsure)" if job.confidence < UNSURE else ""
            write(f"  {job.title} | {job.employer} | {job.dates or 'no dates'} | {len(job.bullets)} bullets{flag}")
        write(f"\nEducation ({len(profile.education)})")
        for school in profile.education:
            flag = "   (unsure)" if school.confidence < UNSURE else ""
            write(f"  {school.qualification or '–'} | {school.institution or '–'} | {school.dates or 'no dates'}{flag}")
        for name in ("projects", "certifications", "awards", "publications", "activities"):
            items = getattr(profile, name)
            write(f"\n{name.capitalize()} ({len(items)})")
            for item in items:
                write(f"  {item.name if hasattr(item, 'name') else item}")

    def _print_readiness(self, result):
        write = self.stdout.write
        write(f"\nReadiness {result.score}/100 (read as: {result.line_of_work or 'line of work not told'})")
        for part in result.parts:
            write(f"  {part.label}: {part.earned:g}/{part.out_of} – {part.detail}")
            for tip in part.tips:
                write(f"    tip: {tip}")
