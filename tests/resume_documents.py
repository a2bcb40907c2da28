"""Résumés made inside the tests from known content: PDFs laid out in one or two columns by
WeasyPrint, and Word documents written by python-docx (with the skills in a table); and the
wrong, broken and hostile files people upload instead."""

import io
import zipfile
from html import escape

# What every generated résumé says; the parsed profile must give back exactly this.
RESUME = {
    "name": "Ada Lovelace",
    "email": "ada.lovelace@example.org",
    "phone": "+44 7700 900123",
    "links": {
        "linkedin": "https://www.linkedin.com/in/ada-lovelace",
        "github": "https://github.com/adalovelace",
        "portfolio": "https://ada.example.org",
    },
    "summary": "Software engineer with four years of experience building data products for analysts and "
    "small businesses.",
    "skills_written": ["Python", "JS", "Django", "PostgreSQL", "Docker", "Git"],
    "skills": ["Python", "JavaScript", "Django", "PostgreSQL", "Docker", "Git"],
    "experience": [
        {
            "title": "Software Engineer",
            "employer": "Analytical Engines Ltd",
            "dates": "Jan 2021 – Present",
            "bullets": [
                "Built a reporting service in Django used by 1,200 analysts every week.",
                "Reduced page load time by 40% by caching PostgreSQL queries.",
                "Mentored two junior developers through their first year.",
            ],
        },
        {
            "title": "Junior Developer",
            "employer": "Babbage & Co",
            "dates": "Sep 2019 – Dec 2020",
            "bullets": [
                "Wrote automated tests that caught 30 regressions before release.",
                "Helped with customer support tickets.",
            ],
        },
    ],
    "education": [
        {
            "qualification": "BSc Mathematics",
            "institution": "University of London",
            "dates": "2016 – 2019",
            "details": "",
        },
    ],
    "projects": [
        {
            "name": "Loom Tracker",
            "description": "A web app in React and Node.js that tracks weaving orders for 15 workshops.",
            "technologies": ["React", "Node.js"],
        },
    ],
    "certifications": ["AWS Certified Cloud Practitioner (2022)"],
}

_CSS = """
@page { size: A4; margin: 16mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 11pt; margin: 10pt 0 3pt; text-transform: uppercase; }
p, li { margin: 1pt 0; }
ul { margin: 2pt 0; padding-left: 12pt; }
"""
_TWO_COLUMNS_CSS = """
.side { float: left; width: 55mm; }
.main { margin-left: 69mm; }
"""


def _html_sections(resume: dict) -> dict[str, str]:
    r = resume
    jobs = "".join(
        f"<p><b>{escape(job['title'])} — {escape(job['employer'])}</b></p><p>{escape(job['dates'])}</p>"
        + "<ul>"
        + "".join(f"<li>{escape(b)}</li>" for b in job["bullets"])
        + "</ul>"
        for job in r["experience"]
    )
    schools = "".join(
        f"<p>{escape(e['qualification'])}</p><p>{escape(e['institution'])}</p><p>{escape(e['dates'])}</p>"
        for e in r["education"]
    )
    projects = "".join(f"<p><b>{escape(p['name'])}</b> — {escape(p['description'])}</p>" for p in r["projects"])
    links = " · ".join(escape(link) for link in r["links"].values())
    return {
        "header": f"<h1>{escape(r['name'])}</h1><p>{escape(r['email'])} · {escape(r['phone'])}</p><p>{links}</p>",
        "summary": f"<h2>Summary</h2><p>{escape(r['summary'])}</p>",
        "skills": "<h2>Skills</h2><ul>" + "".join(f"<li>{escape(s)}</li>" for s in r["skills_written"]) + "</ul>",
        "experience": f"<h2>Experience</h2>{jobs}",
        "education": f"<h2>Education</h2>{schools}",
        "projects": f"<h2>Projects</h2>{projects}",
        "certifications": "<h2>Certifications</h2><ul>"
        + "".join(f"<li>{escape(c)}</li>" for c in r["certifications"])
        + "</ul>",
    }


def pdf_one_column(resume: dict = RESUME, extra_pages: int = 0) -> bytes:
    s = _html_sections(resume)
    body = "".join(
        s[k] for k in ("header", "summary", "experience", "skills", "education", "projects", "certifications")
    )
    filler = "".join(f"<div style='page-break-before: always'><p>Page {n + 2}.</p></div>" for n in range(extra_pages))
    return _pdf(f"<style>{_CSS}</style>{body}{filler}")


def pdf_two_columns(resume: dict = RESUME) -> bytes:
    """A sidebar résumé: name and contact across the top, then skills, education and
    certifications on the left and the rest on the right."""
    s = _html_sections(resume)
    side = s["skills"] + s["education"] + s["certifications"]
    main = s["summary"] + s["experience"] + s["projects"]
    html = (
        f"<style>{_CSS}{_TWO_COLUMNS_CSS}</style>{s['header']}"
        f"<div class='columns'><div class='side'>{side}</div><div class='main'>{main}</div></div>"
    )
    return _pdf(html)


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<!doctype html><html><body>{html}</body></html>").write_pdf()


def docx_with_skills_table(resume: dict = RESUME) -> bytes:
    """Word lists ("List Bullet") for the bullets, and the skills in a two-column table."""
    from docx import Document

    r = resume
    document = Document()
    document.add_heading(r["name"], level=0)
    document.add_paragraph(f"{r['email']} | {r['phone']}")
    document.add_paragraph(" | ".join(r["links"].values()))
    document.add_heading("Profile", level=1)
    document.add_paragraph(r["summary"])
    document.add_heading("Work Experience", level=1)
    for job in r["experience"]:
        document.add_paragraph(f"{job['title']}, {job['employer']}")
        document.add_paragraph(job["dates"])
        for bullet in job["bullets"]:
            document.add_paragraph(bullet, style="List Bullet")
    document.add_heading("Technical Skills", level=1)
    skills = r["skills_written"]
    table = document.add_table(rows=(len(skills) + 1) // 2, cols=2)
    for i, skill in enumerate(skills):
        table.cell(i // 2, i % 2).text = skill
    document.add_heading("Education", level=1)
    for school in r["education"]:
        document.add_paragraph(f"{school['qualification']}, {school['institution']}, {school['dates']}")
    document.add_heading("Projects", level=1)
    for project in r["projects"]:
        document.add_paragraph(f"{project['name']}: {project['description']}")
    document.add_heading("Certifications", level=1)
    for certification in r["certifications"]:
        document.add_paragraph(certification, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Files that must be refused --------------------------------------------------------------


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner makes it: no text layer."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(page).text((120, 120), "Ada Lovelace\nSoftware Engineer\nada.lovelace@example.org", fill="black")
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    return buffer.getvalue()


def encrypted_pdf(password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_one_column())))
    writer.encrypt(password, algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_image() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(buffer, "PNG")
    return buffer.getvalue()


def docx_zip_bomb(inflated_mb: int = 200) -> bytes:
    """A DOCX-shaped zip whose document.xml inflates to `inflated_mb` MB (about 200 KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (inflated_mb * 1024 * 1024) + b"</w:document>")
    return buffer.getvalue()
