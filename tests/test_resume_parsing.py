"""Résumés read into profiles: real PDFs (one and two columns) and DOCX files made here with
known content must give that content back, field by field."""

from dataclasses import asdict

import pytest

from interviewer.engine.resume.extract import Line, drop_running_lines, extract_text
from interviewer.engine.resume.profile import UNSURE, parse_profile
from interviewer.engine.resume.skills import (
    canonical,
    domains_for,
    find_in_text,
    normalise_list,
)
from tests.resume_documents import (
    RESUME,
    docx_with_skills_table,
    pdf_one_column,
    pdf_two_columns,
)


def read(entry) -> dict:
    """A job or school as read, without how sure the parser was of it."""
    return {name: value for name, value in asdict(entry).items() if name != "confidence"}


@pytest.mark.parametrize(
    "make, kind", [(pdf_one_column, "pdf"), (pdf_two_columns, "pdf"), (docx_with_skills_table, "docx")]
)
def test_the_profile_matches_the_document_field_by_field(make, kind):
    extracted = extract_text(make())
    profile = parse_profile(extracted.text)

    assert extracted.kind == kind
    assert profile.name == RESUME["name"]
    assert profile.email == RESUME["email"]
    assert profile.phone == RESUME["phone"]
    assert (profile.linkedin, profile.github, profile.portfolio) == tuple(RESUME["links"].values())
    assert profile.summary == RESUME["summary"]
    assert profile.skills == RESUME["skills"]  # "JS" on the page is stored as JavaScript
    assert [read(job) for job in profile.experience] == RESUME["experience"]
    assert [read(school) for school in profile.education] == RESUME["education"]
    assert all(entry.confidence >= UNSURE for entry in profile.experience + profile.education)
    assert [asdict(project) for project in profile.projects] == RESUME["projects"]
    assert profile.certifications == RESUME["certifications"]
    assert profile.missing_sections() == []


def test_two_columns_are_read_one_after_the_other_not_line_by_line_across():
    text = extract_text(pdf_two_columns()).text
    lines = text.splitlines()

    # Each sidebar line stands alone; a naive left-to-right read would glue it to the main column.
    assert "• Python" in lines and "EXPERIENCE" in lines
    assert lines.index("SKILLS") < lines.index("CERTIFICATIONS") < lines.index("SUMMARY") < lines.index("EXPERIENCE")


def test_other_common_layouts_in_pasted_text():
    text = """
    Grace Hopper
    grace@example.com | (555) 010-4477 | linkedin.com/in/gracehopper

    Skills: Python, js, SQL; Excel | Tableau
    Languages: R, C++

    Employment History
    Data Analyst at Harvard Computation Lab
    2018 - 2020
    - Analysed survey data from 3,000 respondents using pandas
    - Built dashboards in Tableau for the finance team, which cut monthly
      reporting time by 6 hours
    Remington Rand   Mar 2016 – Jun 2018
    Programmer
    - Wrote the first compiler for business programs

    Education
    MSc Mathematics, Yale University, 2014 – 2016
    """

    profile = parse_profile(text)

    assert (profile.name, profile.email, profile.phone) == ("Grace Hopper", "grace@example.com", "(555) 010-4477")
    assert profile.linkedin == "linkedin.com/in/gracehopper"
    assert profile.skills == ["Python", "JavaScript", "SQL", "Excel", "Tableau", "R", "C++"]
    analyst, programmer = profile.experience
    assert (analyst.title, analyst.employer, analyst.dates) == (
        "Data Analyst",
        "Harvard Computation Lab",
        "2018 - 2020",
    )
    assert analyst.bullets == [
        "Analysed survey data from 3,000 respondents using pandas",
        "Built dashboards in Tableau for the finance team, which cut monthly reporting time by 6 hours",
    ]
    assert (programmer.title, programmer.employer, programmer.dates) == (
        "Programmer",
        "Remington Rand",
        "Mar 2016 – Jun 2018",
    )
    assert [read(s) for s in profile.education] == [
        {"qualification": "MSc Mathematics", "institution": "Yale University", "dates": "2014 – 2016", "details": ""}
    ]
    assert profile.missing_sections() == ["summary", "projects", "certifications"]


def test_the_vocabulary_gives_one_name_per_skill():
    assert canonical("JS") == canonical("javascript") == canonical("JavaScript") == "JavaScript"
    assert canonical("ReactJS") == "React" and canonical("k8s") == "Kubernetes"
    assert canonical("Underwater basket weaving") is None
    assert normalise_list(["JS", "JavaScript", "Basket weaving", " js "]) == ["JavaScript", "Basket weaving"]


def test_skills_in_running_text_are_found_without_everyday_words_taken_for_them():
    text = "We build with JS, React.js and Node on AWS. Let's go! Grade C in Spanish; Node.js experience is a plus."

    assert find_in_text(text) == ["JavaScript", "React", "Node.js", "AWS"]


def test_skills_point_to_bank_domains_best_supported_first():
    assert domains_for(["Python", "pandas", "scikit-learn", "Docker"])[0] == "data-science-ml"
    assert domains_for(["Teamwork", "Made-up skill"]) == []


def test_a_short_sidebar_beside_a_long_main_column_is_still_read_as_two_columns():
    jobs = [{**job, "title": f"{job['title']} {n}"} for n in range(1, 5) for job in RESUME["experience"]]

    profile = parse_profile(extract_text(pdf_two_columns({**RESUME, "experience": jobs})).text)

    assert [job.title for job in profile.experience] == [job["title"] for job in jobs]
    assert profile.skills == RESUME["skills"] and profile.certifications == RESUME["certifications"]


def test_headings_beyond_a_short_list_and_sentences_with_a_year_stay_in_their_job():
    text = "\n".join(
        [
            "Maria Lopez",
            "maria.lopez@example.org | linkedin.com/in/",
            "maria-lopez-rn",
            "CLINICAL EXPERIENCE",
            "Staff Nurse | St Mary's Hospital | Jan 2019\u00ad2021",
            "Cared for 6 patients per shift on a surgical ward.",
            "Closed the audit gap found in 2020 by retraining 14 staff on the checklist.",
            "Licensure & Certifications",
            "Registered Nurse, NMC",
            "Honors & Awards",
            "Nurse of the Year 2020",
            "Extracurricular Activity",
            "Choir, 2015 – 2018",
            "Presentation",
            "Safer handovers, Regional Nursing Conference 2021",
        ]
    )

    profile = parse_profile(text)

    assert profile.linkedin == "linkedin.com/in/maria-lopez-rn"  # wrapped after its last slash
    [job] = profile.experience
    assert (job.title, job.employer, job.dates) == (
        "Staff Nurse",
        "St Mary's Hospital",
        "Jan 2019–2021",
    )  # soft hyphen as the dash
    assert job.bullets == [
        "Cared for 6 patients per shift on a surgical ward.",
        "Closed the audit gap found in 2020 by retraining 14 staff on the checklist.",
    ]
    assert profile.certifications == ["Registered Nurse, NMC"]
    assert profile.awards == ["Nurse of the Year 2020"]
    assert profile.activities == ["Choir, 2015 – 2018"]
    assert profile.publications == ["Safer handovers, Regional Nursing Conference 2021"]


def test_an_entry_without_a_role_and_an_organisation_is_not_a_job():
    profile = parse_profile("Sam Lee\nsam@example.org\nExperience\n2019 – 2021\nLots of things happened.\n")

    assert profile.experience == []


def test_a_date_label_in_brackets_is_not_part_of_the_school():
    profile = parse_profile(
        "Kim Park\nkim@example.org\nEducation\nMaster of Science in Nursing (MSN)\n"
        "University of Texas at Arlington (Expected Graduation: May 2027)\n"
    )

    [school] = profile.education
    assert (school.qualification, school.institution, school.dates) == (
        "Master of Science in Nursing (MSN)",
        "University of Texas at Arlington",
        "May 2027",
    )


def test_running_lines_a_copyright_footer_goes_even_on_one_page_a_contact_footer_stays_once_at_the_top():
    one_page = [[Line("Jane Roe", 0.1), Line("Experience", 0.2), Line("© 2024 Jane Roe. All rights reserved.", 0.97)]]
    assert [line.text for line in drop_running_lines(one_page)] == ["Jane Roe", "Experience"]

    footer = "12 High St, Leeds • +44 7700 900123 • jane@roe.example"
    two_pages = [
        [Line("Jane Roe", 0.1), Line(footer, 0.96)],
        [Line("Education", 0.1), Line(footer, 0.96), Line("2", 0.98)],
    ]
    assert [line.text for line in drop_running_lines(two_pages)] == [footer, "Jane Roe", "Education"]
